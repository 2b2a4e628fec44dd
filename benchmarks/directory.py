"""Directory list speed with 2,000 generated services: the budget is p50 under 30 ms for a filtered list.

    .venv/bin/python -m benchmarks.directory     (uses DATABASE_URL or the embedded server)

The 2,000 services are added inside a transaction that is rolled back at the end, so the database is left as it
was. Each case is a real GET through Django's test client (middleware, view, template), 50 times after a warm-up.
"""

import datetime
import gzip
import os
import random
import re
import statistics
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks import timing  # noqa: E402
from portal.directory import areas, taxonomy  # noqa: E402
from portal.directory.models import Organization, Phone, Schedule, Service, ServiceLanguage  # noqa: E402

GENERATED = 2000
RUNS = 50


class Rollback(Exception):
    pass


def generate(count):
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not a secret
    organization = Organization.objects.create(name="Benchmark organisation")
    provinces = [code for code, area in areas.AREAS.items() if area.parent not in (None, "BE")] + ["BE-BRU"]
    services = Service.objects.bulk_create(
        Service(
            organization=organization,
            hsds_id=uuid.uuid4(),
            name_en=f"Generated service {n}",
            name_nl=f"Gegenereerde dienst {n}",
            description_en="A generated service for the benchmark. " * 3,
            description_nl="Een gegenereerde dienst voor de meting. " * 3,
            categories=rng.sample(list(taxonomy.CATEGORIES), 2),
            attributes=rng.sample(list(taxonomy.ATTRIBUTES), 2),
            areas=[rng.choice(provinces)],
            source="benchmark",
        )
        for n in range(count)
    )
    Schedule.objects.bulk_create(
        Schedule(service=service, days=[0, 1, 2, 3, 4], opens_at=datetime.time(9), closes_at=datetime.time(17))
        for service in services
    )
    Phone.objects.bulk_create(Phone(service=service, number="02 000 00 00", languages=["nl"]) for service in services)
    ServiceLanguage.objects.bulk_create(
        ServiceLanguage(service=service, code=rng.choice(["nl", "fr", "ar", "en"])) for service in services
    )


def main():
    client = Client(HTTP_HOST="localhost")
    cases = [
        ("nl: no filter (page 1 of all)", "/nl/help/"),
        ("nl: postcode 9000 + category", "/nl/help/?postcode=9000&category=shelter"),
        ("nl: region + language + attribute", "/nl/help/?area=BE-VLG&language=ar&attributes=free"),
        ("ar: postcode 1000 + 2 attributes", "/ar/help/?postcode=1000&attributes=free&attributes=anonymous"),
        ("en: category, page 3", "/en/help/?category=health&page=3"),
        ("API: 50 services, full", "/hsds/services?full=true"),
        ("reference: chapter page", "/nl/residence-card/"),
    ]
    try:
        with transaction.atomic():
            generate(GENERATED)
            print(f"{Service.objects.count()} services in the directory\n")
            print("| case | results | SQL queries | HTML | gzip | p50 ms | p95 ms |")
            print("|---|---|---|---|---|---|---|")
            for label, url in cases:
                executed = []
                with connection.execute_wrapper(lambda execute, *args, seen=executed: seen.append(1) or execute(*args)):
                    response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                found = re.search(rb'data-found="(\d+)"', response.content)
                found = found[1].decode() if found else "-"
                times = timing.timed(lambda url=url: client.get(url), RUNS, warm_up=True)
                content = response.content
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"| {label} | {found} | {len(executed)} | {len(content) / 1024:.1f} KB | "
                    f"{len(gzip.compress(content)) / 1024:.1f} KB | {statistics.median(times):.1f} | {p95:.1f} |"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
