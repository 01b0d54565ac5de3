"""A faster MiniLM for large catalogs: the shipped model with its MatMuls quantized to int8 at run time.

The shipped model stores int8 weights that onnxruntime dequantizes once at load, so every MatMul runs in float32
(about 14 ms of CPU per realistic product text here). Folding those constants and quantizing the MatMuls
dynamically (``onnxruntime.quantization.quantize_dynamic``) runs them in int8: 6.2 ms per text, 2.3 times faster.
With one scale per output channel the vectors barely move (cosine 0.995 to the float32 ones on average, 0.985 at
worst, on realistic product texts); offer precision moved by at most 2.8 points on the chat eval stores (beauty
.971 -> .943, cycling_baby .745 -> .729 with recall .818 -> .836; five stores and bundles unchanged). It stays an
option for merchants whose ingest time matters more, not the default. The derived file is built once (1.4 s) from the verified shipped model,
offline, and cached under the data dir.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

#: Bumped when the recipe below changes, so an old cached file is never taken for a new one.
RECIPE = "dynint8-matmul-perchannel-v2"


def dynamic_int8(source: Path, source_sha256: str, cache_dir: Path) -> Path:
    """The int8-MatMul model derived from ``source`` (verified by its caller), built into ``cache_dir`` once."""
    target = cache_dir / f"minilm-{source_sha256[:16]}-{RECIPE}.onnx"
    if target.exists():
        return target
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
        folded = Path(tmp) / "folded.onnx"
        opts = ort.SessionOptions()
        # Basic optimisation folds the dequantize-on-load constants into plain float32 weights.
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        opts.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), opts, providers=["CPUExecutionProvider"])
        built = Path(tmp) / "quantized.onnx"
        # The quantizer logs advice about static pre-processing on the root logger; it does not apply here.
        quiet = _DropAdvice()
        logging.getLogger().addFilter(quiet)
        try:
            # One scale per output channel rather than per tensor: cosine to float32 0.954 -> 0.995, at the same speed.
            quantize_dynamic(
                str(folded), str(built), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"], per_channel=True
            )
        finally:
            logging.getLogger().removeFilter(quiet)
        # Another process may build the same file at the same time: the rename is atomic, either copy is right.
        os.replace(built, target)
    return target


class _DropAdvice(logging.Filter):
    """Drops onnxruntime's "consider to run pre-processing before quantization" advice."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()
