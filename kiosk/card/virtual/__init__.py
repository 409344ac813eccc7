"""The card simulator, apart from the kiosk's card client: the person's virtual My Number card
(`card`), the reader that holds cards from the demo tray in-process (`inprocess`), and the link
that puts a card into pcscd's vpcd virtual reader (`vpcd`). The client (`kiosk.card.jpki_client`,
`kiosk.card.auth`, the PC/SC transport) never imports any of it: an import contract says so."""
