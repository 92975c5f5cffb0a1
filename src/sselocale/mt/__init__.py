"""Machine translation: engines behind one interface, placeholders, and the translate stage.

``engines`` holds the engines (Argos, Apertium, pseudo) and the choice of one
per language; ``placeholders`` hides markup from engines and restores it;
``sentences`` splits prose; ``translate`` fills catalogs with suggestions.
"""
