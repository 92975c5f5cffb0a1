"""The source side: articles and their front matter, and their segmentation into units.

``articles`` reads ``content/*.md`` into :class:`~.articles.Article` objects;
``units`` splits an article into the :class:`~.units.Unit` objects translators see.
"""
