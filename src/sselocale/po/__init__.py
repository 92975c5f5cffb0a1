"""Gettext catalogs: templates and merging, reading, GNU-style writing, msgfmt's rules.

``catalogs`` builds catalogs, reads and writes them (strictly, and without losing
a save made meanwhile); ``merge`` merges a catalog with a new template as
msgmerge does, an entry being its ``(msgctxt, msgid)``; ``comments`` holds the
extracted comments the tool writes and the record of machine text that
``translate --refresh`` relies on; ``state`` defines entry state and counts;
``fastread`` is the streaming reader of the review stage and the strict check
every reader shares; ``validate`` applies the rules ``msgfmt --check``
enforces; ``write`` renders a catalog byte for byte as GNU ``msgcat`` does.
"""
