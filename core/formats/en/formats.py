"""English as the portal writes it for readers in Kazakhstan and abroad: day, month name, year; a 24-hour clock."""

DATE_FORMAT = "j F Y"  # 20 June 2027
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"  # 20 June 2027, 14:30
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"  # June 2027
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Kazakhstan

# Typed dates are read day first: "02/12/2026" is 2 December. HTML date inputs send ISO, which always works.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2027-06-20
    "%d.%m.%Y",  # 20.06.2027
    "%d/%m/%Y",  # 20/06/2027
    "%d %B %Y",  # 20 June 2027
    "%d %b %Y",  # 20 Jun 2027
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M",
    "%d/%m/%Y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
