# French typography groups thousands with a narrow no-break space (23 824,32);
# everything else comes from Django's own French formats.
THOUSAND_SEPARATOR = "\u202f"
