"""The simulated JPKI (公的個人認証サービス): the J-LIS CAs, card issuance, card images and
certificate/signature verification."""
