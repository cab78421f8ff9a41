"""extrinsic."""
