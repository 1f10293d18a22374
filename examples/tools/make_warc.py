"""Write examples/crawl-2023.warc.gz: a small, deterministic WARC with two HTML response records.

The two pages (a state news agency page about the Ostrogan offensive and a Romanian English-language
daily about the Buzău floods) are part of the sample corpus; their text is written here, not fetched.
Everything that warcio would otherwise make up at run time (record ids, dates) is fixed, so running
the script again gives a byte-identical file:

    .venv/bin/python examples/tools/make_warc.py          # writes examples/crawl-2023.warc.gz
    .venv/bin/python examples/tools/make_warc.py --check  # exit 1 if the committed file differs

The pages live in this script rather than as .html files beside it, so that
``newsfuse analyze examples/`` does not read them twice (once from the WARC, once as pages).
"""

from __future__ import annotations

import argparse
import io
import sys
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent.parent / "crawl-2023.warc.gz"

# uuid5 namespace for record ids: the same URL always gets the same WARC-Record-ID.
_NAMESPACE = uuid.UUID("6f1c0a52-3d4e-4b8a-9c51-2b7e0d9a4f10")

KSNA_URL = "https://www.ksna.example/en/news/2023/03/14/army-opens-humanitarian-corridor-ostrogan"
KSNA_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Heroic army opens humanitarian corridor as FDF terrorists retreat in Ostrogan - KSNA</title>
<meta property="og:site_name" content="KSNA - Kestrian State News Agency">
<meta property="og:title" content="Heroic army opens humanitarian corridor as FDF terrorists retreat in Ostrogan">
<meta property="og:url" content="https://www.ksna.example/en/news/2023/03/14/army-opens-humanitarian-corridor-ostrogan">
<meta property="article:published_time" content="2023-03-14T19:20:00+02:00">
<meta property="article:section" content="Defence">
<link rel="canonical" href="https://www.ksna.example/en/news/2023/03/14/army-opens-humanitarian-corridor-ostrogan">
</head>
<body>
<div class="cookie-bar">This website uses cookies. By continuing to browse the site you agree to their use. <a href="/en/cookies">Details</a> <a href="#" class="close">Close</a></div>
<div class="header">
  <div class="logo"><a href="/en/">KSNA</a> <span>Kestrian State News Agency</span></div>
  <div class="languages">Kestrian | <b>English</b> | Fran&ccedil;ais</div>
  <ul class="menu">
    <li><a href="/en/">Home</a></li>
    <li><a href="/en/kestria">Kestria</a></li>
    <li><a href="/en/president">President</a></li>
    <li><a href="/en/defence">Defence</a></li>
    <li><a href="/en/economy">Economy</a></li>
    <li><a href="/en/world">World</a></li>
    <li><a href="/en/culture">Culture</a></li>
    <li><a href="/en/photo">Photo</a></li>
  </ul>
</div>
<div class="content">
<div class="news-item">
  <h1>Heroic army opens humanitarian corridor as FDF terrorists retreat in Ostrogan</h1>
  <div class="date">14.03.2023 19:20</div>
  <div class="news-text">
    <p>DOLVANE, March 14 (KSNA) - The Kestrian Armed Forces on Tuesday continued the operation to liberate Ostrogan from the FDF terrorists, taking control of the railway station and the grain silos on the northern edge of the town.</p>
    <p>More than 300 terrorists have been killed since the operation began on March 10, the Defence Ministry said on Tuesday. Army units also destroyed three command posts and a depot where the terrorist gangs stored stolen fuel.</p>
    <p>About 2,000 residents have already returned to their homes in the liberated southern districts of Ostrogan, where army engineers have restored the water supply and opened a field bakery.</p>
    <p>\u201cThe corridor will remain open for as long as the terrorists do not fire on it,\u201d Defence Minister Radek Horvat said during a visit to the forward command post near Halmir.</p>
    <p>He said the terrorist gangs of the so-called Free Dravic Front were using families as human shields in the northern districts and had shot at civilians trying to reach the corridor.</p>
    <p>Civilians leaving through the corridor are received by officers of the Interior Ministry, who provide transport to reception centres, hot food and medical care. Men of military age are screened by the security services to identify terrorists hiding among them.</p>
    <p>The Defence Ministry said the so-called Northern Relief Monitor, a foreign organisation that has published inflated casualty figures throughout the operation, receives its information directly from the terrorists and cannot be considered a reliable source.</p>
    <p>The FDF terrorist organisation seized Ostrogan by force in 2020 and has since held its residents hostage, imposing illegal taxes on farmers and recruiting children into its ranks, according to the Defence Ministry.</p>
    <p>Minister Horvat thanked the soldiers for their courage and said the liberation of Ostrogan would open the way to the reconstruction of the whole of Dravic province, including its textile industry and the bridges over the Velna river.</p>
    <p>Foreign diplomats accredited in Dolvane were invited to visit the liberated districts later this week, the Foreign Ministry said.</p>
  </div>
  <div class="tags">Tags: Ostrogan, Defence Ministry, humanitarian corridor</div>
  <div class="share">Share: <a href="#">Facebook</a> <a href="#">Telegram</a> <a href="#">Print</a></div>
</div>
<div class="sidebar">
  <h3>Latest news</h3>
  <ul>
    <li><a href="/en/news/2023/03/14/president-belic-receives-ambassadors">President Belic receives credentials of new ambassadors</a></li>
    <li><a href="/en/news/2023/03/14/grain-exports-rise">Grain exports rise by 8 percent in February</a></li>
    <li><a href="/en/news/2023/03/13/national-theatre-season">National Theatre opens spring season</a></li>
  </ul>
</div>
</div>
<div class="footer">
  <p>&copy; 2023 KSNA - Kestrian State News Agency. All rights reserved. Use of materials is permitted with a hyperlink to ksna.example.</p>
  <p><a href="/en/about">About the agency</a> | <a href="/en/contacts">Contacts</a> | <a href="/en/rss">RSS</a></p>
</div>
</body>
</html>
"""

DANUBE_URL = "https://danubechronicle.example/news/buzau-floods-death-toll-rises-to-seven"
DANUBE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Buzău floods: death toll rises to seven as 1,800 evacuated | Danube Chronicle</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="Danube Chronicle">
<meta property="og:title" content="Buzău floods: death toll rises to seven as 1,800 evacuated">
<meta property="og:url" content="https://danubechronicle.example/news/buzau-floods-death-toll-rises-to-seven">
<meta property="article:published_time" content="2023-06-20T12:30:00+03:00">
<meta name="author" content="Irina Marinescu">
<link rel="canonical" href="https://danubechronicle.example/news/buzau-floods-death-toll-rises-to-seven">
</head>
<body>
<div id="cookie-notice">We use cookies to make this website work and to understand how it is used. <button>Accept</button> <button>Manage preferences</button></div>
<header class="dc-header">
  <a class="dc-logo" href="/">Danube Chronicle</a>
  <span class="dc-tagline">Romania's news in English</span>
  <nav>
    <a href="/news">News</a>
    <a href="/politics">Politics</a>
    <a href="/business">Business</a>
    <a href="/bucharest">Bucharest</a>
    <a href="/travel">Travel</a>
    <a href="/events">Events</a>
    <a href="/jobs">Jobs</a>
  </nav>
</header>
<main class="dc-main">
  <article class="dc-article">
    <h1>Buzău floods: death toll rises to seven as 1,800 evacuated</h1>
    <div class="dc-meta">by Irina Marinescu | <time datetime="2023-06-20T12:30:00+03:00">20 June 2023</time> | News</div>
    <p>The death toll from flash floods in Buzău county rose to seven on Tuesday, the county prefect's office said, as rescuers reached villages in the upper valley that had been cut off since Sunday night.</p>
    <p>About 1,800 people have been evacuated from their homes in Buzău county since Sunday, the prefect's office said in a statement. At least 40 houses were destroyed in the county, most of them in the upper valley, the prefect's office added.</p>
    <p>Prefect Ioana Dobre said army trucks and boats had been sent to the upper valley and that the county had asked the government for drinking water, fodder for livestock and disinfectant.</p>
    <div class="dc-ad">Advertisement</div>
    <p>\u201cI have lived in this house for 60 years and I have never seen the water so high,\u201d said Gheorghe Ionescu, 74, whose ground floor in Cislău was flooded to the ceiling. \u201cWe saved the documents and the icons. Everything else is in the mud.\u201d</p>
    <p>In Râmnicu Sărat, the town hall opened a sports hall and several schools to families whose flats were flooded, and volunteers collected clothes, mattresses and food at the cultural centre.</p>
    <p>Classes were suspended in schools across the county until the end of the week, and several sections of the main road through the valley remained closed because of landslides.</p>
    <p>The national weather service kept an orange warning for heavy rain in place for the mountain areas of Buzău and neighbouring Vrancea county until Wednesday morning.</p>
    <p>Hydrologists said the level of the Buzău river was falling at most gauges on Tuesday, but warned that the ground was so saturated that even moderate rain could cause new flash floods in the smaller valleys.</p>
    <p>The county council said it would ask for an inquiry into the state of the flood embankments in Râmnicu Sărat, which residents said had not been repaired since earlier floods.</p>
  </article>
  <aside class="dc-related">
    <h3>Related</h3>
    <ul>
      <li><a href="/news/buzau-rain-warning">Orange warning for heavy rain in the Carpathian bend</a></li>
      <li><a href="/news/how-to-help-flood-victims">How to help flood victims in Buzău</a></li>
      <li><a href="/travel/mud-volcanoes-guide">A weekend at the mud volcanoes</a></li>
    </ul>
  </aside>
</main>
<footer class="dc-footer">
  <p>Danube Chronicle SRL &middot; <a href="/about">About</a> &middot; <a href="/advertise">Advertise</a> &middot; <a href="/privacy">Privacy</a> &middot; <a href="/contact">Contact</a></p>
  <p>&copy; 2023 Danube Chronicle. All rights reserved.</p>
</footer>
</body>
</html>
"""

# (url, html, WARC-Date of the capture, HTTP Date header)
PAGES = (
    (KSNA_URL, KSNA_HTML, "2023-03-14T18:05:11Z", "Tue, 14 Mar 2023 18:05:11 GMT"),
    (DANUBE_URL, DANUBE_HTML, "2023-06-20T10:02:47Z", "Tue, 20 Jun 2023 10:02:47 GMT"),
)
WARCINFO_DATE = "2023-06-20T10:05:00Z"


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, name)}>"


def build() -> bytes:
    """The WARC file's bytes: a warcinfo record, then one response record per page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(
        "crawl-2023.warc.gz",
        {"software": "newsfuse examples/tools/make_warc.py", "format": "WARC File Format 1.1",
         "description": "newsfuse sample corpus: two fictional news pages"},
    )
    info.rec_headers.replace_header("WARC-Date", WARCINFO_DATE)
    info.rec_headers.replace_header("WARC-Record-ID", _record_id("warcinfo"))
    writer.write_record(info)
    for url, html, warc_date, http_date in PAGES:
        body = html.encode("utf-8")
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
             ("Date", http_date), ("Server", "nginx")],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": warc_date, "WARC-Record-ID": _record_id(url)},
        )
        writer.write_record(record)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args(argv)
    data = build()
    if args.check:
        same = OUT.exists() and OUT.read_bytes() == data
        print("up to date" if same else f"{OUT} differs from what this script writes")
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
