"""Views of the meetings app, split by audience: public, participants, secretariat, calendars and feeds."""
