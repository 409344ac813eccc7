"""Pure rules of the service: plain functions over plain data, no database, no clock of their own.

hours (service window), fees, eligibility (who may get what), validity (card and e-certificate
expiry and status), mynumber (個人番号 check digit),
requests (申請内容: a request checked against the offerings).
"""
