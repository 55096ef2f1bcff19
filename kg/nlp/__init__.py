"""NLP: spaCy with the pkuseg segmenter, and the rule components that tag entities."""
