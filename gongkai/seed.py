"""What `gongkai seed demo` loads, in order. Each capability appends its loader."""

DEMO_LOADERS = [
    "gongkai.orgs.demo.load",
]
