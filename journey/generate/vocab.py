"""Word lists the demo data is drawn from (a fictional coffee-equipment brand, "Brewline")."""

SITE = "https://www.brewline.io"

FIRST_NAMES = (
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Mateo",
    "Sofia",
    "Lucas",
    "Mia",
    "Ethan",
    "Amelia",
    "James",
    "Harper",
    "Benjamin",
    "Chloé",
    "Elijah",
    "Zoë",
    "Daniel",
    "Aisha",
    "Omar",
    "Priya",
    "Arjun",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Lars",
    "Ingrid",
    "Jonas",
    "Léa",
    "Hugo",
    "Camille",
    "Marta",
    "Pablo",
    "Lucía",
    "José",
    "Fatima",
    "Kwame",
    "Amara",
    "Nia",
    "Dmitri",
    "Anya",
    "Jan",
    "Eva",
    "Tomás",
    "Grace",
    "Henry",
    "Isla",
    "Oscar",
    "Ruby",
    "Leo",
)
LAST_NAMES = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Dubois",
    "Laurent",
    "Rossi",
    "Bianchi",
    "Nowak",
    "Kowalski",
    "Jansen",
    "de Vries",
    "Svensson",
    "Nielsen",
    "Tanaka",
    "Sato",
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "Singh",
    "Patel",
    "Okafor",
    "Mensah",
    "O'Brien",
    "Murphy",
    "Kelly",
)
FREE_MAIL_DOMAINS = (
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "proton.me",
    "gmx.de",
    "web.de",
    "orange.fr",
    "live.co.uk",
)

COMPANY_WORDS = (
    "Northwind",
    "Bluebird",
    "Harbor",
    "Summit",
    "Cedar",
    "Granite",
    "Beacon",
    "Atlas",
    "Copper",
    "Maple",
    "Orbit",
    "Pioneer",
    "Riverstone",
    "Silverline",
    "Evergreen",
    "Ironwood",
    "Lighthouse",
    "Meridian",
    "Oakridge",
    "Quartz",
    "Redwood",
    "Sterling",
    "Tidewater",
    "Vertex",
)
COMPANY_KINDS = (
    "Logistics",
    "Dental",
    "Architects",
    "Software",
    "Legal",
    "Studios",
    "Consulting",
    "Hotels",
    "Clinic",
    "Accounting",
    "Realty",
    "Labs",
    "Fitness",
    "Media",
    "Bakery",
)
COMPANY_SUFFIXES = ("", "", " Inc.", " LLC", " GmbH", " Ltd", ", Inc.", " & Co")
INDUSTRIES = (
    "technology",
    "healthcare",
    "hospitality",
    "professional_services",
    "real_estate",
    "manufacturing",
    "retail",
    "education",
    "financial_services",
    "media",
)
TEAM_INBOX_LOCALS = ("support-team", "office", "procurement", "facilities", "team")

B2C_PAGES = (
    "/",
    "/shop",
    "/shop/espresso-machines",
    "/shop/grinders",
    "/shop/beans",
    "/shop/accessories",
    "/product/aurora-espresso-pro",
    "/product/nimbus-grinder",
    "/product/house-blend-1kg",
    "/product/milk-frother",
    "/blog/dialing-in-espresso",
    "/blog/best-beans-2025",
    "/reviews",
    "/faq",
    "/shipping",
    "/about",
)
B2B_PAGES = (
    "/",
    "/business",
    "/business/office-coffee",
    "/business/machines-for-teams",
    "/pricing",
    "/case-studies",
    "/case-studies/harbor-logistics",
    "/webinars",
    "/blog/office-coffee-roi",
    "/integrations",
    "/about",
    "/contact-sales",
)
MILESTONE_PATHS = {
    "signup": "/signup",
    "login": "/login",
    "demo_request": "/business/book-a-demo",
    "add_to_cart": "/cart",
    "checkout_started": "/checkout",
    "order_completed": "/checkout/thank-you",
    "review_submitted": "/reviews/new",
}

# Desktop and mobile browsers; none of them contains a bot pattern.
DESKTOP_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.81",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Safari/537.36",
)
MOBILE_AGENTS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.3 Mobile/15E148 Safari/604.1",
)
BOT_AGENTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36",
    "SiteAuditCrawler/1.3 (+https://example-seo.io/crawler)",
)

# Traffic sources as (utm_source, utm_medium, utm_campaign, referrer) per channel.  Only the
# first event of a session carries them, as browsers and tag managers do.
_SEARCH_ENGINES = (
    "https://www.google.com/",
    "https://www.google.com/",
    "https://www.bing.com/",
    "https://duckduckgo.com/",
    "https://search.yahoo.com/",
)
_SOCIAL_SITES = (
    "https://www.facebook.com/",
    "https://l.instagram.com/",
    "https://t.co/",
    "https://www.linkedin.com/",
    "https://www.reddit.com/",
    "https://www.youtube.com/",
)
_REFERRAL_SITES = (
    "https://www.coffeegeek.com/forums/espresso/",
    "https://www.homebarista.com/",
    "https://www.wirecutter.com/reviews/best-espresso-machine/",
    "https://news.ycombinator.com/",
    "https://www.officemanagerhub.com/tools/",
)
CHANNEL_SOURCES: dict[str, tuple[tuple[str | None, str | None, str | None, str | None], ...]] = {
    "paid_search": tuple(
        (source, "cpc", campaign, referrer)
        for source, referrer in (
            ("google", "https://www.google.com/"),
            ("google", None),
            ("bing", "https://www.bing.com/"),
        )
        for campaign in ("brand_search", "generic_espresso", "office_coffee_b2b")
    ),
    "paid_social": tuple(
        (source, medium, campaign, referrer)
        for source, referrer in (
            ("facebook", "https://www.facebook.com/"),
            ("instagram", "https://l.instagram.com/"),
            ("linkedin", "https://www.linkedin.com/"),
        )
        for medium in ("paid_social", "cpc")
        for campaign in ("spring_launch", "retargeting_cart")
    ),
    "display": tuple(
        (source, "display", campaign, None)
        for source in ("google", "criteo")
        for campaign in ("prospecting_banner", "retargeting_banner")
    ),
    "email": tuple(
        (source, "email", campaign, None)
        for source in ("newsletter", "hubspot", "lifecycle")
        for campaign in ("weekly_digest", "black_friday", "webinar_invite", "winback")
    ),
    "affiliate": tuple(
        (source, "affiliate", "partner_program", None) for source in ("awin", "rakuten", "impact")
    ),
    "organic_search": tuple((None, None, None, site) for site in _SEARCH_ENGINES),
    "organic_social": tuple((None, None, None, site) for site in _SOCIAL_SITES),
    "referral": tuple((None, None, None, site) for site in _REFERRAL_SITES),
    "direct": ((None, None, None, None),),
}
CHANNELS = tuple(CHANNEL_SOURCES)
# How people arrive the first time, and how they come back.
FIRST_VISIT_CHANNEL_P = (0.22, 0.12, 0.05, 0.03, 0.04, 0.25, 0.06, 0.08, 0.15)
RETURN_VISIT_CHANNEL_P = (0.10, 0.05, 0.03, 0.18, 0.02, 0.17, 0.04, 0.04, 0.37)
LEAD_SOURCE_BY_CHANNEL = {
    "paid_search": "paid_search",
    "paid_social": "paid_social",
    "display": "other_campaigns",
    "email": "email_marketing",
    "affiliate": "referrals",
    "organic_search": "organic_search",
    "organic_social": "social_media",
    "referral": "referrals",
    "direct": "direct_traffic",
}

LIFECYCLE_STAGES = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
)
OPEN_DEAL_STAGES = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
)

TICKET_CHANNELS = ("email", "chat", "web", "phone")
TICKET_CHANNEL_P = (0.45, 0.25, 0.20, 0.10)
TICKET_PRIORITIES = ("low", "normal", "high", "urgent")
TICKET_PRIORITY_P = (0.30, 0.50, 0.15, 0.05)
TICKET_SUBJECTS = {
    "shipping": ("Where is my order?", "Package arrived damaged", "Change delivery address"),
    "billing": ("Charged twice", "Invoice needed for my order", "Refund not received yet"),
    "technical_issue": (
        "Machine shows error E04",
        "Grinder makes a loud noise",
        "App will not pair, help",
    ),
    "returns": ("How do I return an item?", "Return label request"),
    "account": ("Cannot log in", "Please update my email address"),
    "product_question": ("Which beans for a moka pot?", "Is the frother dishwasher safe?"),
    "onboarding": ("Setting up machines for our office", "Adding colleagues to our account"),
}
TICKET_CATEGORIES = tuple(TICKET_SUBJECTS)
SATISFACTION_RATINGS = ("good", "bad", "offered")
SATISFACTION_P = (0.60, 0.15, 0.25)

NPS_COMMENTS = {
    "promoter": (
        "Love it, best espresso I have had at home.",
        "Fast shipping, great support.",
        'Our team says the office machine is "a game changer".',
        "Excellent quality, would recommend to friends",
    ),
    "passive": (
        "Good machine, a bit pricey.",
        "Works fine, delivery was slow",
        "OK overall; the app could be better.",
    ),
    "detractor": (
        "Broke after two weeks, very disappointed.",
        "Support took forever to answer",
        "Too expensive for what it is, and the grinder is loud.",
    ),
}
