"""Scripted kiosk sessions: the scenario file format (`model`, its `steps` and `yaml_nodes`),
the headless runner behind `kiosk script` (`runner`, `play`, `player`, `checks`, `harness`,
`transcript`) and the staff demo `kiosk run --autoplay`."""
