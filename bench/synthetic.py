"""Synthetic but varied catalogs for benchmarks: ``make_products(n, seed)`` is deterministic by seed."""

from __future__ import annotations

import random

from knowledge.models import Product

# (category path, product noun, price range, attribute generators, use sentences)
_KINDS: list[tuple[str, str, tuple[float, float], dict[str, list], list[str]]] = [
    ("Electronics > Phones", "smartphone", (199, 1299), {"storage_gb": [64, 128, 256, 512], "color": ["black", "white", "blue", "green"]},
     ["A fast phone with an all-day battery.", "Great camera for low light photos.", "Bright OLED screen and 5G."]),
    ("Electronics > Phones > Cases", "phone case", (9, 49), {"material": ["silicone", "leather", "TPU"], "color": ["clear", "black", "red"]},
     ["Protects your phone from drops.", "Slim fit with raised edges around the camera.", "Wireless charging compatible."]),
    ("Electronics > Phones > Chargers", "power bank", (15, 89), {"capacity_mah": [5000, 10000, 20000, 26800], "ports": [1, 2, 3]},
     ["Keeps your phone charged all day away from a socket.", "USB-C fast charging in and out.", "Pocket-sized backup battery for travel."]),
    ("Electronics > Phones > Chargers", "wall charger", (12, 59), {"watts": [20, 30, 45, 65, 100]},
     ["Charges a phone to half in thirty minutes.", "GaN design, runs cool.", "Foldable plug for travel."]),
    ("Electronics > Audio > Headphones", "wireless headphones", (29, 449), {"anc": [True, False], "battery_h": [20, 30, 40, 60]},
     ["Active noise cancelling for flights and commutes.", "Comfortable for long listening sessions.", "Clear calls with beamforming mics."]),
    ("Electronics > Audio > Speakers", "bluetooth speaker", (25, 299), {"waterproof": ["IPX5", "IPX7", "none"]},
     ["Big sound for parties and the beach.", "Waterproof and dustproof.", "Pairs two speakers for stereo."]),
    ("Electronics > Computers > Laptops", "laptop", (399, 2999), {"ram_gb": [8, 16, 32], "screen_in": [13, 14, 15.6, 16]},
     ["Light enough to carry all day.", "Handles photo editing and code with ease.", "Long battery life for work on the go."]),
    ("Electronics > Computers > Accessories", "laptop sleeve", (15, 69), {"size_in": [13, 14, 16], "material": ["felt", "neoprene", "leather"]},
     ["Padded protection from scratches and bumps.", "Slim enough to slide into a backpack.", "Water-resistant outer shell."]),
    ("Electronics > Computers > Accessories", "wireless mouse", (12, 129), {"dpi": [1600, 4000, 8000], "silent": [True, False]},
     ["Ergonomic shape for long workdays.", "Quiet clicks for shared offices.", "Connects to three devices."]),
    ("Electronics > Cameras", "mirrorless camera", (499, 3499), {"megapixels": [24, 33, 45, 61]},
     ["Fast autofocus that tracks eyes.", "Weather-sealed body for outdoor shoots.", "Shoots 4K video."]),
    ("Electronics > Cameras > Accessories", "memory card", (9, 119), {"capacity_gb": [64, 128, 256, 512], "speed": ["V30", "V60", "V90"]},
     ["Fast enough for 4K recording.", "Never run out of space on a trip.", "Durable and temperature proof."]),
    ("Home > Kitchen > Coffee", "coffee grinder", (29, 399), {"burr": ["conical", "flat", "blade"], "settings": [15, 31, 40]},
     ["Even grind for better tasting coffee.", "From espresso fine to French press coarse.", "Quiet motor for early mornings."]),
    ("Home > Kitchen > Coffee", "espresso machine", (149, 1499), {"bar": [9, 15, 19], "milk_frother": [True, False]},
     ["Cafe-quality espresso at home.", "Steam wand for silky milk foam.", "Heats up in under a minute."]),
    ("Home > Kitchen > Coffee", "gooseneck kettle", (25, 169), {"liters": [0.8, 1.0, 1.2], "temp_control": [True, False]},
     ["Precise pour for pour-over coffee.", "Holds temperature for brewing tea.", "Stainless steel body."]),
    ("Home > Kitchen > Cookware", "non-stick frying pan", (19, 149), {"diameter_cm": [20, 24, 28, 32]},
     ["Eggs slide right off.", "Works on induction hobs.", "Oven safe up to 220 C."]),
    ("Home > Kitchen > Cookware", "chef knife", (15, 249), {"blade_cm": [18, 20, 23], "steel": ["German", "Japanese VG10"]},
     ["Stays sharp through weeks of prep.", "Balanced handle reduces fatigue.", "Full tang construction."]),
    ("Home > Furniture", "office chair", (89, 1299), {"lumbar": [True, False], "armrests": ["fixed", "4D"]},
     ["Supports your back through long days at the desk.", "Breathable mesh keeps you cool.", "Adjustable height and tilt."]),
    ("Home > Lighting", "desk lamp", (15, 189), {"color_temp": ["warm", "adjustable"], "usb_port": [True, False]},
     ["Glare-free light for reading and work.", "Dimmable in five steps.", "Easy on the eyes at night."]),
    ("Sports > Running > Shoes", "running shoe", (49, 249), {"size_eu": [38, 40, 42, 44, 46], "drop_mm": [0, 4, 8, 10]},
     ["Cushioned for long runs.", "Grippy outsole for wet roads.", "Light and breathable upper."]),
    ("Sports > Running > Accessories", "running belt", (9, 39), {"pockets": [1, 2, 3]},
     ["Carries your phone and keys without bouncing.", "Reflective details for night runs.", "Fits bottles up to 500 ml."]),
    ("Sports > Outdoor > Camping", "tent", (59, 899), {"persons": [1, 2, 3, 4], "season": [3, 4]},
     ["Pitches in five minutes.", "Stays dry in heavy rain.", "Packs small for backpacking."]),
    ("Sports > Outdoor > Camping", "sleeping bag", (39, 499), {"comfort_c": [-10, -5, 0, 5, 10]},
     ["Warm on cold mountain nights.", "Compresses to the size of a loaf.", "Two-way zip for ventilation."]),
    ("Beauty > Skincare", "moisturiser", (8, 89), {"skin_type": ["dry", "oily", "sensitive", "all"], "spf": [0, 15, 30]},
     ["Hydrates dry skin all day.", "Fragrance free and gentle.", "Absorbs quickly with no greasy feel."]),
    ("Beauty > Hair", "hair dryer", (19, 429), {"watts": [1200, 1800, 2200], "ionic": [True, False]},
     ["Dries hair fast with less frizz.", "Three heat and two speed settings.", "Light and quiet."]),
    ("Toys > Building", "building blocks set", (9, 299), {"pieces": [100, 500, 1200, 3000], "age": ["4+", "8+", "12+", "18+"]},
     ["Hours of creative play.", "Compatible with major brands.", "Includes a step-by-step guide."]),
    ("Pets > Dogs", "dog bed", (19, 199), {"size": ["S", "M", "L", "XL"], "washable": [True, False]},
     ["Orthopaedic foam for older dogs.", "Removable washable cover.", "Non-slip base."]),
    ("Office > Stationery", "notebook", (3, 39), {"pages": [80, 120, 192, 240], "ruling": ["lined", "dotted", "blank"]},
     ["Fountain pen friendly paper.", "Lays flat when open.", "Numbered pages and an index."]),
]

_BRANDS = ["Acme", "Northwind", "Voltra", "Kestrel", "Lumen", "Brava", "Solace", "Pinecrest", "Orbit", "Tessera",
           "Halden", "Quill", "Marlow", "Zephyr", "Cobalt", "Fjord"]
_ADJ = ["Pro", "Lite", "Max", "Mini", "Plus", "Air", "Ultra", "One", "Go", "Studio", "Classic", "Sport", "Eco", "Neo"]
_EXTRA = ["Backed by a two-year warranty.", "Ships in recyclable packaging.", "Rated highly by our customers.",
          "Designed in Europe.", "Includes a carry pouch.", "Free returns within 30 days.",
          "Made with recycled materials.", "Tested for durability over 10,000 cycles."]


def make_products(n: int, seed: int = 0) -> list[Product]:
    """``n`` varied products (categories, brands, attributes, families, stock, inactive ones), reproducible by seed."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = random.Random(seed)
    products: list[Product] = []
    i = 0
    while len(products) < n:
        category, noun, (lo, hi), attr_space, uses = _KINDS[rng.randrange(len(_KINDS))]
        brand = rng.choice(_BRANDS)
        model = f"{rng.choice(_ADJ)} {rng.randint(1, 99)}"
        # About a quarter of products come as a family of 2-4 tiers (variants / good-better-best).
        members = rng.choice([2, 3, 4]) if rng.random() < 0.25 else 1
        family = f"fam-{seed}-{i}" if members > 1 else None
        base = round(rng.uniform(lo, hi), 2)
        for tier in range(1, members + 1):
            if len(products) >= n:
                break
            attrs = {k: rng.choice(v) for k, v in attr_space.items()}
            sentences = rng.sample(uses, k=rng.randint(1, len(uses))) + rng.sample(_EXTRA, k=rng.randint(0, 3))
            stock_roll = rng.random()
            stock = None if stock_roll < 0.2 else 0 if stock_roll < 0.3 else rng.randint(1, 500)
            products.append(
                Product(
                    sku=f"SYN-{seed}-{i:06d}-{tier}",
                    name=f"{brand} {model} {noun}" + (f" tier {tier}" if family else ""),
                    price=round(base * (1 + 0.25 * (tier - 1)), 2),
                    category=category,
                    description=" ".join(sentences),
                    brand=brand,
                    attributes=attrs,
                    family=family,
                    tier=tier if family else None,
                    stock=stock,
                    active=rng.random() > 0.03,
                    margin=round(rng.uniform(0.05, 0.6), 2),
                )
            )
        i += 1
    return products
