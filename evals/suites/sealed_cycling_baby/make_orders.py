"""Writes orders.csv for the sealed_cycling_baby store: deterministic synthetic orders (fixed seed).

Each order has one base item and, with the probabilities below, its natural accessories, so co-purchase
mining has signal. A few accessory-only orders add noise. Run: python make_orders.py
"""

import csv
import random
from datetime import date, timedelta
from pathlib import Path

SEED = 20261130
N_ORDERS = 360

# base sku, weight, [(accessory sku, probability), ...]
BASKETS = [
    ("EB-SR-C400", 4, [("LCK-FT-U16", 0.6), ("LCK-FT-U13", 0.2), ("HLM-AR-M", 0.35), ("PAN-TP25", 0.25), ("LCK-MNT", 0.3)]),
    ("EB-SR-C500", 5, [("LCK-FT-U16", 0.55), ("LCK-FT-CH11", 0.2), ("HLM-AR-M", 0.3), ("HLM-AR-L", 0.2), ("PAN-TP20", 0.25), ("CHG-SR-4A", 0.15)]),
    ("EB-SR-T625", 3, [("LCK-FT-CH11", 0.4), ("LCK-FT-U16", 0.4), ("PAN-TP40-PR", 0.35), ("BAT-SR-500", 0.15), ("HLM-AR-MIPS-L", 0.2)]),
    ("BAT-SR-500", 2, [("CHG-SR-4A", 0.3)]),
    ("BAT-SR-400", 1, [("CHG-SR-2A", 0.2)]),
    ("LGT-LM400", 8, [("LGT-RR50", 0.6), ("BELL-BR", 0.1)]),
    ("LGT-LM800", 8, [("LGT-RR50", 0.5), ("LGT-RR-BRK", 0.2), ("PWR-5000", 0.3)]),
    ("LGT-LM800E", 3, [("LGT-RR-BRK", 0.4), ("LGT-RR50", 0.3)]),
    ("LGT-LM1200", 4, [("LGT-RR-BRK", 0.4), ("PWR-5000", 0.35)]),
    ("LGT-AAA-FR", 4, [("BATT-AAA-8", 0.7)]),
    ("LCK-FT-U13", 6, [("LCK-MNT", 0.5), ("LCK-FT-CBL", 0.25)]),
    ("LCK-FT-U16", 6, [("LCK-MNT", 0.45), ("LCK-FT-CBL", 0.3)]),
    ("LCK-FT-CH11", 2, [("LCK-FT-U13", 0.2)]),
    ("HLM-AR-M", 4, [("LGT-LM400", 0.3), ("SOCK-MER", 0.1)]),
    ("HLM-AR-MIPS-M", 3, [("LGT-LM800", 0.3)]),
    ("TYR-PT38", 6, [("TUBE-700-PV", 0.5), ("TUBE-700-SV", 0.2), ("KIT-PATCH", 0.4), ("PMP-MINI", 0.25)]),
    ("TYR-PT38-AR", 4, [("TUBE-700-PV", 0.5), ("KIT-PATCH", 0.3), ("PMP-FLOOR", 0.25)]),
    ("PMP-FLOOR", 3, [("TUBE-700-PV", 0.3)]),
    ("PAN-TP20", 4, [("RACK-UNI", 0.55)]),
    ("PAN-TP25", 4, [("RACK-UNI", 0.5)]),
    ("SEAT-KD-R", 5, [("HLM-KID-XS", 0.7), ("SEAT-KD-BRKT", 0.3)]),
    ("SEAT-KD-R-PLUS", 3, [("HLM-KID-XS", 0.5), ("HLM-KID-XS-UNI", 0.3), ("SEAT-KD-BRKT", 0.3)]),
    ("SEAT-KD-F", 2, [("HLM-KID-XS", 0.6)]),
    ("STR-LM-CITY", 6, [("STR-RAIN", 0.65), ("STR-FMUFF", 0.3), ("STR-CUP", 0.3), ("STR-ADAPT", 0.2)]),
    ("STR-LM-LITE", 5, [("STR-RAIN", 0.5), ("STR-CUP", 0.2), ("STR-BAG", 0.15)]),
    ("STR-LM-AT", 3, [("STR-RAIN", 0.5), ("STR-FMUFF", 0.45)]),
    ("STR-LM-DUO", 2, [("STR-DUO-RAIN", 0.6), ("STR-FMUFF", 0.3)]),
    ("CS-NI-GRY", 5, [("CS-BASE", 0.55), ("CS-MIRROR", 0.35), ("STR-ADAPT", 0.2), ("CS-SHADE", 0.2)]),
    ("CS-NI-BLK", 4, [("CS-BASE", 0.5), ("CS-MIRROR", 0.3)]),
    ("CS-NI-PLUS", 3, [("CS-BASE", 0.6), ("CS-MIRROR", 0.3)]),
    ("CS-TODDLER", 3, [("CS-SHADE", 0.4), ("CS-TRAVEL-BAG", 0.15)]),
    ("MON-V3", 5, [("MON-MOUNT", 0.4), ("MON-BATT", 0.2)]),
    ("MON-V5", 4, [("MON-MOUNT", 0.4), ("MON-BATT", 0.25), ("NIGHT-PROJ", 0.1)]),
    ("MON-AUDIO", 2, [("NIGHT-PROJ", 0.2)]),
    ("BTL-FN-4", 6, [("BTL-BRUSH", 0.5), ("TEAT-FN-M", 0.3), ("STER-SC", 0.3), ("FORM-DISP", 0.25)]),
    ("BTL-FN-2", 4, [("BTL-BRUSH", 0.4), ("STER-MW", 0.3), ("TEAT-FN-M", 0.2)]),
    ("STER-SC", 4, [("BTL-FN-4", 0.4), ("BTL-BRUSH", 0.3)]),
    ("STER-SC-DRY", 2, [("BTL-FN-4", 0.4)]),
    ("CAR-CC-SOFT", 3, [("CAR-BIB", 0.4)]),
    ("CAR-CC-ERGO", 4, [("CAR-BIB", 0.45), ("CAR-COVER", 0.3)]),
    ("CAR-CC-AIR", 2, [("CAR-BIB", 0.4)]),
    ("HC-PERCH", 4, [("HC-PERCH-TRAY", 0.6), ("MAT-SPLAT", 0.4), ("HC-PERCH-NB", 0.2), ("BIB-SIL", 0.3)]),
    ("HC-FOLDY", 3, [("MAT-SPLAT", 0.45), ("BIB-SIL", 0.35)]),
]
LONERS = ["BELL-BR", "SOCK-MER", "TEETH-RING", "BATT-AAA-8", "KIT-PATCH", "TUBE-700-PV", "BTL-BRUSH", "NIGHT-PROJ"]


def main() -> None:
    rng = random.Random(SEED)
    weights = [w for _, w, _ in BASKETS]
    start = date(2026, 2, 2)
    rows = []
    for i in range(N_ORDERS):
        oid = f"PP-{10001 + i}"
        cust = f"C{rng.randint(1, 140):04d}"
        day = (start + timedelta(days=i // 2)).isoformat()
        if rng.random() < 0.06:
            items = [rng.choice(LONERS)]
        else:
            base, _, acc = rng.choices(BASKETS, weights=weights)[0]
            items = [base] + [sku for sku, p in acc if rng.random() < p]
        for sku in items:
            rows.append((oid, sku, 1, cust, day))
    out = Path(__file__).with_name("orders.csv")
    with out.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["order_id", "sku", "quantity", "customer_id", "created_at"])
        w.writerows(rows)
    print(f"{N_ORDERS} orders, {len(rows)} lines -> {out}")


if __name__ == "__main__":
    main()
