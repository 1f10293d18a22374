// newsfuse desk: progressive touches only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // a changed filter on the stories or figures page applies itself
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.submit());
  }
});
