"""Vectorised helpers: ragged expansion, per-group scans and building Arrow text columns."""

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def ragged(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand per-parent counts into (parent index, position within parent) per child row."""
    counts = np.asarray(counts, dtype=np.int64)
    parent = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    position = np.arange(len(parent)) - starts[parent]
    return parent, position


def group_starts(group: np.ndarray) -> np.ndarray:
    """Boolean mask of the first row of each run of equal values in a sorted group array."""
    first = np.ones(len(group), dtype=bool)
    first[1:] = group[1:] != group[:-1]
    return first


def group_cumsum(values: np.ndarray, group: np.ndarray, exclusive: bool = False) -> np.ndarray:
    """Running sum that restarts at every new group (rows must be sorted by group)."""
    total = np.cumsum(values)
    first = group_starts(group)
    run_index = np.cumsum(first) - 1
    before = (total - values)[first]
    result = total - before[run_index]
    return result - values if exclusive else result


def group_running_max(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Running maximum that restarts at every new group (rows sorted by group).

    Lifts each group above all earlier ones so one maximum.accumulate does every group; the
    values must therefore span a modest range (whole seconds, not microseconds).
    """
    if len(values) == 0:
        return values.copy()
    run_index = np.cumsum(group_starts(group)) - 1
    low = values.min()
    span = int(values.max() - low) + 1
    if span * (int(run_index[-1]) + 1) >= 2**62:
        raise OverflowError("value range too wide for a grouped running maximum")
    lifted = (values - low) + run_index * span
    return np.maximum.accumulate(lifted) - run_index * span + low


def first_per_group(group: np.ndarray, mask: np.ndarray, size: int) -> np.ndarray:
    """Row index of the first masked row per group value 0..size-1 (rows sorted), else -1."""
    result = np.full(size, -1, dtype=np.int64)
    rows = np.flatnonzero(mask)
    keys, first = np.unique(group[rows], return_index=True)
    result[keys] = rows[first]
    return result


def pick(values: Sequence[str | None], index: np.ndarray) -> pa.Array:
    """Text column taking values[index]; a negative index gives null."""
    index = np.asarray(index)
    dictionary = pa.array(list(values), type=pa.string())
    indices = pa.array(index.astype(np.int32), mask=index < 0)
    return pc.take(dictionary, indices)


def numbered(
    prefix: str, numbers: np.ndarray, width: int, mask: np.ndarray | None = None
) -> pa.Array:
    """IDs like C0000123: prefix plus a zero-padded number (null where mask is true)."""
    digits = pc.utf8_lpad(
        pa.array(np.asarray(numbers, dtype=np.int64), mask=mask).cast(pa.string()),
        width=width,
        padding="0",
    )
    return pc.binary_join_element_wise(prefix, digits, "")


def concat(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation; a null part makes the result null."""
    return pc.binary_join_element_wise(*parts, "")


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def hex_digits(values: np.ndarray) -> np.ndarray:
    """uint64 values as 16 lowercase hex ASCII digits each: a (n, 16) uint8 matrix."""
    raw = np.asarray(values, dtype=">u8").view(np.uint8).reshape(-1, 8)
    out = np.empty((len(raw), 16), dtype=np.uint8)
    out[:, 0::2] = _HEX[raw >> 4]
    out[:, 1::2] = _HEX[raw & 0x0F]
    return out


def ascii_matrix_to_arrow(matrix: np.ndarray) -> pa.Array:
    """A (n, width) uint8 matrix of ASCII as an Arrow string column, without a Python loop."""
    rows, width = matrix.shape
    offsets = np.arange(rows + 1, dtype=np.int32) * width
    data = np.ascontiguousarray(matrix).tobytes()
    return pa.Array.from_buffers(
        pa.string(), rows, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )


def uuid_like(rng: np.random.Generator, size: int) -> pa.Array:
    """Random version-4-looking UUIDs from the seeded generator (never from the OS)."""
    top = np.iinfo(np.uint64).max
    high = rng.integers(0, top, size=size, dtype=np.uint64, endpoint=True)
    low = rng.integers(0, top, size=size, dtype=np.uint64, endpoint=True)
    high = (high & np.uint64(0xFFFFFFFFFFFF0FFF)) | np.uint64(0x4000)
    low = (low & np.uint64(0x3FFFFFFFFFFFFFFF)) | np.uint64(0x8000000000000000)
    digits = np.concatenate([hex_digits(high), hex_digits(low)], axis=1)
    dash = np.full((size, 1), ord("-"), dtype=np.uint8)
    matrix = np.concatenate(
        [
            digits[:, 0:8],
            dash,
            digits[:, 8:12],
            dash,
            digits[:, 12:16],
            dash,
            digits[:, 16:20],
            dash,
            digits[:, 20:32],
        ],
        axis=1,
    )
    return ascii_matrix_to_arrow(matrix)


_GOLDEN = 0x9E3779B97F4A7C15
_MASK64 = 2**64 - 1


def scramble(numbers: np.ndarray, seed: int) -> np.ndarray:
    """Bijective mix of counters (splitmix64 finaliser): random-looking yet never colliding."""
    with np.errstate(over="ignore"):
        offset = np.uint64((seed * _GOLDEN) & _MASK64)
        x = np.asarray(numbers, dtype=np.uint64) + offset
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def hex_ids(prefix: str, numbers: np.ndarray, seed: int) -> pa.Array:
    """IDs like anon-3f9a...: prefix plus 16 hex digits, unique per counter value."""
    digits = ascii_matrix_to_arrow(hex_digits(scramble(numbers, seed)))
    return concat(prefix, digits)


def money(cents: np.ndarray) -> pa.Array:
    """Integer cents as text with two decimals (12.50)."""
    cents = np.asarray(cents, dtype=np.int64)
    whole = pa.array(cents // 100).cast(pa.string())
    fraction = pc.utf8_lpad(pa.array(cents % 100).cast(pa.string()), width=2, padding="0")
    return concat(whole, ".", fraction)


def min_per_group(size: int, group: np.ndarray, values: np.ndarray, null: int = -1) -> np.ndarray:
    """Smallest value per group 0..size-1; `null` for groups without rows."""
    result = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(result, group, values)
    return np.where(result == np.iinfo(np.int64).max, null, result)


def earliest(*instants: np.ndarray, null: int = -1) -> np.ndarray:
    """Element-wise earliest instant, ignoring `null` entries (null when all are)."""
    big = np.iinfo(np.int64).max
    result = np.min(np.stack([np.where(i == null, big, i) for i in instants]), axis=0)
    return np.where(result == big, null, result)
