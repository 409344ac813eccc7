"""ReportLab layouts of every kiosk certificate and the receipt: document data → PDF bytes."""
