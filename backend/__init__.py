"""The issuance centre (証明書交付センター): data, rules, the simulated J-LIS CA and the service API."""
