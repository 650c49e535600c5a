"""Method cards for trainers and plans for housing companies: what fits on a card (the
limits that validation checks), the card as HTML and PDF (WeasyPrint), decks and their
covers, the site's Metodkort page, and the copy + paste kit.

Imports `content`, and `site` for its page and formatting helpers.
"""
