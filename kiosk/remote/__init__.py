"""The kiosk's client of a remote centre (`kiosk run|script --centre URL[,URL…]`).

`RemoteCentre` (`client`) is `backend.api.IssuanceService` over HTTPS+JSON, proving who the
kiosk is with its credential (`KIOSK_HOME/credential/`, issued by the centre's kiosk CA) and
trusting the centre by that CA's certificate; `retry` is how long it keeps trying before a
session ends with 通信エラー. An import contract keeps it off the centre's insides (the
service, the database, the models): it knows the centre by its wire only.
"""
