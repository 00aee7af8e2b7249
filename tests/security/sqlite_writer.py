"""A Django process on the project's settings writing to a SQLite file (see
test_sqlite_writers). ``create`` | ``write N`` | ``count``; ``--django-defaults``
drops the settings' SQLite options, as before they existed."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dla_ic.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

if "--django-defaults" in sys.argv:
    connection.settings_dict["OPTIONS"] = {}

command = sys.argv[1]
with connection.cursor() as cursor:
    if command == "create":
        cursor.execute("CREATE TABLE counter (n INTEGER NOT NULL)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    elif command == "count":
        cursor.execute("SELECT n FROM counter")
        print(cursor.fetchone()[0])
failures = 0
for _ in range(int(sys.argv[2]) if command == "write" else 0):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # Like a view or the worker: read, then write what was read.
            cursor.execute("SELECT n FROM counter")
            (n,) = cursor.fetchone()
            time.sleep(0.002)
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as error:  # reported to the test
        failures += 1
        print(error, file=sys.stderr)
sys.exit(1 if failures else 0)
