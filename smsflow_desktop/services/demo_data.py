"""Reference data for the demo workspace: names, places, messages and Vibes objects.

Kept apart from :mod:`smsflow_desktop.services.demo` (which generates and writes) so the
tables read as data. Places carry the area codes that North American numbers of that city
use, so a demo person's number matches their city.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    city: str
    state: str
    postal_codes: tuple[str, ...]
    time_zone: str
    area_codes: tuple[str, ...] = ()


PLACES: dict[str, tuple[Place, ...]] = {
    "US": (
        Place("New York", "NY", ("10001", "10016", "10027"), "America/New_York", ("212", "646", "917")),
        Place("Los Angeles", "CA", ("90012", "90028"), "America/Los_Angeles", ("213", "323", "310")),
        Place("Chicago", "IL", ("60601", "60614"), "America/Chicago", ("312", "773")),
        Place("Houston", "TX", ("77002", "77019"), "America/Chicago", ("713", "832")),
        Place("Phoenix", "AZ", ("85004",), "America/Phoenix", ("602", "480")),
        Place("Denver", "CO", ("80202",), "America/Denver", ("303", "720")),
        Place("Seattle", "WA", ("98101",), "America/Los_Angeles", ("206",)),
        Place("Miami", "FL", ("33130",), "America/New_York", ("305", "786")),
        Place("Boston", "MA", ("02108",), "America/New_York", ("617", "857")),
        Place("Austin", "TX", ("78701",), "America/Chicago", ("512", "737")),
    ),
    "CA": (
        Place("Toronto", "ON", ("M5V 2T6", "M4W 1A8"), "America/Toronto", ("416", "647")),
        Place("Vancouver", "BC", ("V6B 1A1",), "America/Vancouver", ("604", "778")),
        Place("Montréal", "QC", ("H2Y 1C6",), "America/Toronto", ("514", "438")),
        Place("Calgary", "AB", ("T2P 1J9",), "America/Edmonton", ("403", "587")),
        Place("Ottawa", "ON", ("K1P 1J1",), "America/Toronto", ("613", "343")),
        Place("Halifax", "NS", ("B3J 1S9",), "America/Halifax", ("902", "782")),
    ),
    "SE": (
        Place("Stockholm", "Stockholms län", ("111 22", "114 35", "118 46"), "Europe/Stockholm"),
        Place("Göteborg", "Västra Götalands län", ("411 05", "413 01"), "Europe/Stockholm"),
        Place("Malmö", "Skåne län", ("211 20",), "Europe/Stockholm"),
        Place("Uppsala", "Uppsala län", ("753 10",), "Europe/Stockholm"),
        Place("Umeå", "Västerbottens län", ("903 25",), "Europe/Stockholm"),
        Place("Linköping", "Östergötlands län", ("582 24",), "Europe/Stockholm"),
    ),
    "GB": (
        Place("London", "England", ("SW1A 1AA", "EC1A 1BB", "N1 9GU"), "Europe/London"),
        Place("Manchester", "England", ("M1 1AE",), "Europe/London"),
        Place("Birmingham", "England", ("B1 1AA",), "Europe/London"),
        Place("Edinburgh", "Scotland", ("EH1 1YZ",), "Europe/London"),
        Place("Glasgow", "Scotland", ("G1 1XQ",), "Europe/London"),
        Place("Cardiff", "Wales", ("CF10 1EP",), "Europe/London"),
        Place("Belfast", "Northern Ireland", ("BT1 5GS",), "Europe/London"),
    ),
}

#: How often each country occurs, and how its name is written in the demo CSV.
COUNTRY_WEIGHTS = {"US": 45, "CA": 15, "SE": 25, "GB": 15}
COUNTRY_SPELLINGS = {
    "US": ("US", "US", "US", "us", "United States", "USA", "United States of America"),
    "CA": ("CA", "CA", "ca", "Canada"),
    "SE": ("SE", "SE", "se", "Sweden"),
    "GB": ("GB", "GB", "UK", "United Kingdom", "Great Britain"),
}

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "US": (
        "James",
        "Mary",
        "Robert",
        "Patricia",
        "Michael",
        "Jennifer",
        "David",
        "Linda",
        "William",
        "Elizabeth",
        "José",
        "María",
        "Luis",
        "Carmen",
        "Aaliyah",
        "DeShawn",
        "Wei",
        "Priya",
        "Emily",
        "Noah",
        "Olivia",
        "Ethan",
        "Sofía",
        "Mateo",
    ),
    "CA": (
        "Liam",
        "Olivia",
        "Noah",
        "Emma",
        "William",
        "Charlotte",
        "Benjamin",
        "Amelia",
        "Félix",
        "Léa",
        "Gabriel",
        "Chloé",
        "Étienne",
        "Zoé",
        "Mathis",
        "Aarav",
        "Jasmine",
    ),
    "SE": (
        "Åsa",
        "Märta",
        "Björn",
        "Göran",
        "Maja",
        "Elsa",
        "Alice",
        "Astrid",
        "Lars",
        "Anders",
        "Erik",
        "Karl",
        "Johan",
        "Ingrid",
        "Sören",
        "Linnéa",
        "Håkan",
        "Jörgen",
        "Ebba",
        "Nils",
        "Saga",
        "Oskar",
    ),
    "GB": (
        "Oliver",
        "Amelia",
        "George",
        "Isla",
        "Harry",
        "Ava",
        "Jack",
        "Mia",
        "Charlie",
        "Freya",
        "Siobhan",
        "Aoife",
        "Rhys",
        "Niamh",
        "Callum",
        "Eilidh",
        "Priya",
        "Mohammed",
    ),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "US": (
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "García",
        "Miller",
        "Davis",
        "Rodríguez",
        "Martínez",
        "Hernández",
        "López",
        "Nguyen",
        "Kim",
        "Patel",
        "O'Connor",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "García, Jr.",
        "Smith, Jr.",
        "Johnson III",
        "Brown, Sr.",
    ),
    "CA": (
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Morin",
        "Lavoie",
        "Fortin",
        "Smith",
        "Brown",
        "MacDonald",
        "Wilson",
        "Martin",
        "Singh",
        "Lee",
        "Chen",
    ),
    "SE": (
        "Andersson",
        "Johansson",
        "Karlsson",
        "Nilsson",
        "Eriksson",
        "Larsson",
        "Olsson",
        "Persson",
        "Svensson",
        "Gustafsson",
        "Lindqvist",
        "Öberg",
        "Sjöberg",
        "Åberg",
        "Ström",
        "Lundén",
        "Bäckström",
        "Hägglund",
        "Nyström",
        "Ekström",
        "Söderberg",
    ),
    "GB": (
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Evans",
        "Thomas",
        "O'Brien",
        "MacLeod",
        "Campbell",
        "Murphy",
        "Hughes",
        "Patel",
        "Khan",
        "Smyth",
    ),
}
EMAIL_DOMAINS = {"US": "example.com", "CA": "example.ca", "SE": "example.se", "GB": "example.co.uk"}
LOYALTY_TIERS = ("Gold", "Silver", "Bronze", "", "")
SIGNUP_SOURCES = ("web", "store", "event", "referral")
TRUE_SPELLINGS = ("true", "TRUE", "yes", "1", "Yes")
FALSE_SPELLINGS = ("", "", "false", "no", "0", "FALSE")
#: Numbers a person might type that are not valid anywhere near them.
INVALID_SPELLINGS = {
    "US": ("555-0123", "(212) 555-01", "12345", "n/a", "212-555-012", "+1 000 555 0123"),
    "CA": ("555-0199", "(416) 555", "000-000-0000", "tbd"),
    "SE": ("070-123", "+46 70 12", "08-12", "0000000", "ring mig"),
    "GB": ("07700", "+44 7700", "01632", "n/a", "0800"),
}

CSV_HEADER = (
    "External ID",
    "First Name",
    "Last Name",
    "Email",
    "Mobile Phone Number",
    "Country",
    "State",
    "City",
    "Postal Code",
    "Time Zone",
    "Unsubscribed",
    "Blocklisted",
    "Marketing Suspended",
    "Loyalty Tier",
    "Signup Source",
)

BRAND = "Northwind"
MESSAGES: dict[str, str] = {
    "Spring offer": (
        "Hi {{lead.First Name|there}}! Spring sale at Northwind: 20% off everything this weekend. "
        "Show this text in store. Reply STOP to opt out"
    ),
    "Vårerbjudande": (
        "Hej {{lead.First Name|där}}! Vårrea hos Northwind: 20 % på allt i helgen. "
        "Visa sms:et i butiken. Svara STOP för att avsluta"
    ),
    "VIP gift": (
        "Northwind: {{lead.First Name|Hi}}, your VIP gift is waiting 🎁 Pick it up in store by Sunday. "
        "Reply STOP to opt out"
    ),
    "Newsletter welcome": (
        "Northwind: Thanks for joining our text club, {{lead.First Name|friend}}! Each month we will text "
        "you early access to sales, new arrivals and events at the store near {{lead.City|you}}. "
        "Msg & data rates may apply. Up to 4 msgs/month. Reply HELP for help. Reply STOP to opt out"
    ),
}

VIBES_LISTS = (("101", "Northwind Offers"), ("102", "Northwind Text Club"), ("103", "Northwind Sverige"))
ACQUISITION_CAMPAIGNS = (
    ("201", "Spring keyword SPRING", ("101",), ("SPRING",)),
    ("202", "Text club sign-up", ("102",), ("JOIN", "CLUB")),
)
STATIC_LISTS = ("VIP", "Newsletter", "Stockholm store")
