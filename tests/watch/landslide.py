"""Five feed items about one invented landslide (the town is real, the event, outlets and people are
not), written so that each arrival changes one verdict: a new story; a second, independent source
corroborating the dead; a reprint by another outlet; a higher toll; and a conflicting count of homes.
"""

from feed_server import rss

HARBOUR_1 = {
    "outlet": "Harbour Wire", "url": "http://harbour.example/nehoiu-landslide", "pubdate": "Thu, 02 May 2024 08:00:00 GMT",
    "title": "Landslide buries homes in Nehoiu",
    "text": "A landslide buried a row of homes in Nehoiu on Wednesday night after two days of heavy rain. The landslide "
            "has killed at least 12 people in Nehoiu, the county emergency service said on Thursday. Rescuers with dogs "
            "searched the mud through the night and a road to the town was cut. The service said 40 homes were "
            "destroyed and about 300 people were moved to a school in the town centre.",
}
COURIER_1 = {
    "outlet": "Valley Courier", "url": "http://courier.example/nehoiu", "pubdate": "Thu, 02 May 2024 11:00:00 GMT",
    "title": "Nehoiu mourns landslide victims",
    "text": "Residents of Nehoiu buried their neighbours on Thursday after a landslide hit the town on Wednesday night. "
            "The landslide has killed 12 people in Nehoiu, mayor Ilie Dorin told the Valley Courier. Dorin said the "
            "slope above the river had moved after two days of rain. Volunteers brought food and blankets to a school "
            "where families slept.",
}
SENTINEL_1 = {**HARBOUR_1, "outlet": "Sentinel Daily", "url": "http://sentinel.example/nehoiu",
              "pubdate": "Thu, 02 May 2024 13:00:00 GMT"}  # a word-for-word reprint of Harbour Wire
HARBOUR_2 = {
    "outlet": "Harbour Wire", "url": "http://harbour.example/nehoiu-toll-rises", "pubdate": "Fri, 03 May 2024 09:00:00 GMT",
    "title": "Nehoiu landslide toll rises",
    "text": "The landslide that struck Nehoiu on Wednesday night has killed 19 people in Nehoiu, the county emergency "
            "service said on Friday, as rescuers pulled more bodies from the mud. Crews were still searching for two "
            "people, the service said.",
}
RELIEF_1 = {
    "outlet": "Relief Bulletin", "url": "http://relief.example/nehoiu", "pubdate": "Thu, 02 May 2024 16:00:00 GMT",
    "title": "Red Cross: landslide in Nehoiu",
    "text": "The Romanian Red Cross said on Thursday that 25 homes were destroyed when a landslide struck Nehoiu on "
            "Wednesday night. Volunteers handed out water and blankets to families who spent the night in a school.",
}


def feed(*items: dict) -> bytes:
    return rss(items[0]["outlet"], list(items))
