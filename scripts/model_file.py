"""Reads and writes sentiment's model files (safetensors: an 8-byte little-endian header
length, a JSON header naming each tensor's dtype, shape and byte range, then the bytes).

    metadata, entries = model_file.header(PATH)    # entries: {name: {dtype, shape, data_offsets}}
    metadata, tensors = model_file.read(PATH)      # tensors: {name: (dtype, shape, bytes)}, file order
    model_file.config(metadata), model_file.labels(metadata)   # the model's settings, class names
    model_file.vocabulary(metadata)                # its tokens in id order (id 0 `<pad>`, 1 `<unk>`)
    model_file.token_ids(metadata)                 # {token: id}, for reading text as the model does
    model_file.temperature(config)                 # T of the softmax(z / T) the tool prints
    model_file.direction_suffixes(config)          # "" and, if bidirectional, "_reverse"
    model_file.set_config(metadata, config)        # the model's config dict, stored compactly
    model_file.array(tensors, NAME)                # a tensor as float32 numpy (numpy needed)
    model_file.put(tensors, NAME, VALUE)           # replaces it, in its own dtype
    model_file.write(PATH, metadata, tensors)      # via PATH.tmp, then renamed over PATH

The header is written compactly and padded with spaces to a multiple of 8 bytes, as the
Swift writer does. scripts/set_tokenizer_option.py, scripts/widen_model.py and
scripts/graft_vectors.py edit model files with it; scripts/compare_cells_table.py reads
the headers alone; the PyTorch reference scripts read their metadata's config, labels
and vocabulary with it.
"""
import json
import os
import struct

# safetensors dtype → numpy type name, for array and put.
_NUMPY_TYPES = {"F16": "float16", "F32": "float32"}


def _read_header(f):
    (length,) = struct.unpack("<Q", f.read(8))
    entries = json.loads(f.read(length))
    return entries.pop("__metadata__", {}), entries


def header(path):
    """The metadata and the tensors' entries, without reading the tensors."""
    with open(path, "rb") as f:
        return _read_header(f)


def read(path):
    with open(path, "rb") as f:
        metadata, entries = _read_header(f)
        payload = f.read()
    tensors = {}
    for name, entry in sorted(entries.items(), key=lambda item: item[1]["data_offsets"][0]):
        start, end = entry["data_offsets"]
        tensors[name] = (entry["dtype"], entry["shape"], payload[start:end])
    return metadata, tensors


def config(metadata):
    """The model's settings (hidden size, cell, tokenizer options...) as a dict."""
    return json.loads(metadata["config"])


def temperature(config):
    """The temperature T of the softmax(z / T) the tool prints: fitted on dev after training
    (config's calibration), 1 for a model without one. Class offsets need no reading: they
    are folded into fc.bias."""
    return float(config.get("calibration", {}).get("temperature", 1.0))


def labels(metadata):
    """The model's class names, in output order."""
    return json.loads(metadata["labels"])


def vocabulary(metadata):
    """The model's tokens, in id order (a token's id is its index)."""
    return metadata["vocabulary"].split("\n")


def token_ids(metadata):
    """{token: id} of the model's vocabulary."""
    return {token: i for i, token in enumerate(vocabulary(metadata))}


def direction_suffixes(config):
    """The suffixes of a recurrent layer's tensor names, one per direction: "" (forward)
    and, for a bidirectional model, "_reverse" (`lstm.weight_ih_l0_reverse`). A file
    without `directions` (written before forward-only models) has `bidirectional`."""
    directions = config["directions"] if "directions" in config else 2 if config["bidirectional"] else 1
    return ["", "_reverse"][:directions]


def set_config(metadata, config):
    """Stores config (the model's settings, a dict) in metadata as compact JSON, as the Swift
    writer does."""
    metadata["config"] = json.dumps(config, separators=(",", ":"), ensure_ascii=False)


def array(tensors, name):
    """Tensor NAME of read's tensors as a float32 numpy array (numpy is imported only here
    and in put, so reading headers needs the standard library alone)."""
    import numpy as np
    dtype, shape, data = tensors[name]
    return np.frombuffer(data, dtype=_NUMPY_TYPES[dtype]).reshape(shape).astype(np.float32)


def put(tensors, name, value):
    """Replaces tensor NAME with the numpy array VALUE, stored in NAME's dtype."""
    import numpy as np
    dtype = tensors[name][0]
    cast = value.astype(getattr(np, _NUMPY_TYPES[dtype]))
    tensors[name] = (dtype, list(cast.shape), cast.tobytes())


def write(path, metadata, tensors):
    header = {"__metadata__": metadata}
    offset = 0
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded)
        for _, _, data in tensors.values():
            f.write(data)
    os.replace(path + ".tmp", path)
