"""Gettext catalogs: templates and merging, reading, GNU-style writing, msgfmt's rules.

``catalogs`` builds and merges catalogs (polib objects) and defines entry state
and counts; ``fastread`` is the streaming reader of the review stage;
``validate`` applies the rules ``msgfmt --check`` enforces; ``write`` renders a
catalog byte for byte as GNU ``msgcat`` does.
"""
