"""The personal-data gate: find and mask citizens' ID numbers, phone numbers, bank
cards, e-mail addresses and home addresses in text and attachments before anything
is published (issue 4 item 3).

- `detectors.scan_text` finds them in text;
- `extract.extract_text` turns an attachment into the text that is checked, or says
  why it could not be checked;
- `masking.mask_text` / `masking.mask_attachment` mask them, and the latter proves
  the result clean by extracting and scanning it again.
"""
