"""Writes the .npy fixtures of NpyTest with NumPy's own writer (run: python3 make_fixtures.py; made with NumPy 2.4.6).

Each file's content is stated in NpyTest next to its use; the files are committed so the test needs no Python.
"""
import numpy as np

a = (np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1)          # [[-1, -0.5, 0], [0.5, 1, 1.5]]
np.save("f32_2x3.npy", a)
np.save("u8_4.npy", np.array([0, 1, 127, 255], dtype=np.uint8))
np.save("i32_2x2x2.npy", np.array([[[0, -1], [2147483647, -2147483648]], [[7, 8], [9, 10]]], dtype=np.int32))
np.save("f32_scalar.npy", np.array(3.25, dtype=np.float32))
np.save("f32_0x3.npy", np.zeros((0, 3), dtype=np.float32))
np.save("i64_3.npy", np.array([-5, 0, 2**40], dtype=np.int64))
np.save("f16_3.npy", np.array([1.5, -2.0, 65504.0], dtype=np.float16))
np.save("bool_3.npy", np.array([True, False, True]))
np.save("f32_be.npy", a.astype(">f4"))
np.save("f32_fortran.npy", np.asfortranarray(a))
np.save("structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
for version in [(2, 0), (3, 0)]:
    with open("f32_2x3_v%d.npy" % version[0], "wb") as f:
        np.lib.format.write_array(f, a, version=version)
