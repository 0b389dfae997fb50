"""Reads an iCalendar file as a third party would, and prints the
occurrences it holds between two instants as JSON: for each, the UID,
the start and end in UTC seconds, and the status.

Usage: occurrences.py FILE FROM TO (Unix seconds)
"""

import datetime
import json
import sys

import icalendar
import recurring_ical_events


def main() -> None:
    path, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, "rb") as file:
        calendar = icalendar.Calendar.from_ical(file.read())
    utc = datetime.timezone.utc
    window = (
        datetime.datetime.fromtimestamp(start, utc),
        datetime.datetime.fromtimestamp(end, utc),
    )
    found = []
    for event in recurring_ical_events.of(calendar).between(*window):
        found.append(
            {
                "uid": str(event["UID"]),
                "start": int(event["DTSTART"].dt.timestamp()),
                "end": int(event["DTEND"].dt.timestamp()),
                "status": str(event.get("STATUS", "")),
            }
        )
    found.sort(key=lambda o: (o["start"], o["uid"]))
    json.dump(found, sys.stdout)


if __name__ == "__main__":
    main()
