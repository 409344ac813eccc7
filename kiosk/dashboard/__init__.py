"""`kiosk centre top`: the staff's live view of the fleet (稼働状況), read from the centre's
database (backend.fleet) on an interval."""
