"""Russian: 20.06.2027 and 20.06.2027, 14:30 (ГОСТ Р 7.0.97: day, month and year in digits, separated by dots)."""

DATE_FORMAT = "d.m.Y"  # 20.06.2027
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "d.m.Y, H:i"  # 20.06.2027, 14:30
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"  # Июнь 2027 (Django's own Russian month names)
MONTH_DAY_FORMAT = "j E"  # 20 июня
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 20.06.2027
    "%d.%m.%y",  # 20.06.27
    "%Y-%m-%d",  # 2027-06-20, what HTML date inputs send
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space
NUMBER_GROUPING = 3
