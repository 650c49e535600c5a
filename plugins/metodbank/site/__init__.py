"""The generated pages of the site: entry pages (fact box, structured sections, body,
backlinks), section overviews and pages per theme, target group and municipality, the
field reference, vocabulary and open-data pages with their JSON/CSV exports, the method
finder, the error page shown while serving, and the cleaning of contributed HTML.

Imports `content` only. Every value from a content file is escaped by Jinja or `Markup`.
"""
