"""Scripted kiosk sessions: the scenario file format (`model`), the headless runner behind
`kiosk script` (`runner`, `driver`, `transcript`) and the staff demo `kiosk run --autoplay`."""
