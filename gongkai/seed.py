"""What `gongkai seed zhongshan` and `gongkai seed demo` load, in order.

Each capability appends its loaders; each loader is idempotent and takes `actor`.
"""

REFERENCE_LOADERS = [
    "gongkai.orgs.seeding.seed_zhongshan",
    "gongkai.catalogs.seeding.seed_levels",
    "gongkai.records.seeding.seed_legal_bases",
    "gongkai.foi.seeding.seed_letter_templates",
]

DEMO_LOADERS = [
    "gongkai.orgs.demo.load",
    "gongkai.catalogs.demo.load",
    "gongkai.records.demo.load",
    "gongkai.foi.demo.load",
    # Last: indexes what the loaders before it published.
    "gongkai.search.seeding.index_demo",
    "gongkai.reports.demo.load",
]
