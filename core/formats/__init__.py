"""The portal's date and number formats per language (settings.FORMAT_MODULE_PATH = "core.formats").

Django looks here before its own locale formats. One date and one date-time format per language: Kazakh and
Russian write 20.06.2027 and 20.06.2027, 14:30; English writes 20 June 2027 and 20 June 2027, 14:30, never the
US order (in Kazakhstan 12/02/2026 reads as 12 February). The SHORT_ formats are the same on purpose, so a
table and a sentence show one date the same way. Helpers that add the time zone are in core.dates.
"""
