"""Statistics: bootstrap CIs, dependent-correlation tests, paired tests, rank agreement."""
