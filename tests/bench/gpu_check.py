"""GPU check: the `classifier` and `instruct` recipes on CUDA in bf16, with tokens/s and peak memory.

    python tests/bench/gpu_check.py [--arch-only DIR_MINILM DIR_LLM] [--out results.json]

By default it uses the installed models (MiniLM for `classifier`, SmolLM2-135M-Instruct for
`instruct`). With ``--arch-only`` it builds models of exactly those architectures with random
weights from the given folders (config.json + tokenizer), for machines where the model packages are
not installed: speed and memory depend on the architecture, not on the weights' values.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _random_model(arch_dir: Path, out: Path, causal: bool) -> Path:
    """Save a randomly initialised model of the architecture in ``arch_dir`` as a model folder."""
    import torch
    from transformers import AutoConfig, AutoModel, AutoModelForCausalLM, AutoTokenizer

    config = AutoConfig.from_pretrained(arch_dir, local_files_only=True)
    torch.manual_seed(0)
    model = (AutoModelForCausalLM if causal else AutoModel).from_config(config)
    model.save_pretrained(out)
    AutoTokenizer.from_pretrained(arch_dir, local_files_only=True).save_pretrained(out)
    return out


def _tokens(tokenizer, texts: list[str]) -> int:  # type: ignore[no-untyped-def]
    return sum(len(ids) for ids in tokenizer(texts)["input_ids"])


def check(recipe: str, source, task, train, test, config, out_dir: Path) -> dict:  # type: ignore[no-untyped-def]
    import torch

    cuda = torch.cuda.is_available()

    from medlabel.core.jobs import NullReporter
    from medlabel.ml.models import load_tokenizer
    from medlabel.ml.recipes import recipe_module

    module = recipe_module(recipe)
    tokenizer = load_tokenizer(source)
    fit, val = train[: int(len(train) * 0.85)], train[int(len(train) * 0.85) :]
    if cuda:
        torch.cuda.reset_peak_memory_stats()
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    info = module.train(task, fit, val, config, source, out_dir, NullReporter(), None)
    if cuda:
        torch.cuda.synchronize()
    train_s = time.perf_counter() - t0
    train_peak = torch.cuda.max_memory_allocated() / 2**30 if cuda else 0.0
    if cuda:
        torch.cuda.reset_peak_memory_stats()
    t1 = time.perf_counter()
    preds = module.predict(out_dir, [ex.text for ex in test], config, source, NullReporter(), None)
    if cuda:
        torch.cuda.synchronize()
    predict_s = time.perf_counter() - t1
    predict_peak = torch.cuda.max_memory_allocated() / 2**30 if cuda else 0.0
    epochs = float(info.get("epochs_run") or config.epochs)
    train_tokens = _tokens(tokenizer, [ex.text for ex in fit]) * epochs
    result = {
        "recipe": recipe,
        "model": source.name,
        "device": info.get("device"),
        "train_docs": len(fit),
        "epochs": epochs,
        "train_seconds": round(train_s, 2),
        "train_tokens_per_s": round(train_tokens / train_s),
        "train_peak_gib": round(train_peak, 2),
        "predict_docs": len(test),
        "predict_seconds": round(predict_s, 2),
        "predict_docs_per_s": round(len(test) / predict_s, 2),
        "predict_peak_gib": round(predict_peak, 2),
        "valid_outputs": sum(getattr(p, "valid", True) for p in preds),
    }
    if recipe == "instruct":
        generated = sum(len(tokenizer(p.raw or "")["input_ids"]) for p in preds)
        result["generated_tokens_per_s"] = round(generated / predict_s)
    else:
        result["predict_tokens_per_s"] = round(_tokens(tokenizer, [ex.text for ex in test]) / predict_s)
    return result


def main() -> None:
    import torch

    parser = argparse.ArgumentParser()
    parser.add_argument("--arch-only", nargs=2, type=Path, metavar=("MINILM_DIR", "LLM_DIR"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument(
        "--cpu-dry-run", action="store_true", help="check this script on the CPU (fp32, few docs)"
    )
    args = parser.parse_args()
    if not torch.cuda.is_available() and not args.cpu_dry_run:
        print("No CUDA GPU here: the GPU check was not run.")
        return
    precision = "fp32" if args.cpu_dry_run else "bf16"

    from medlabel.core.demo import smoking
    from medlabel.ml.models import check_model_folder, resolve_model
    from medlabel.ml.settings import ClassifierSettings, InstructSettings
    from medlabel.ml.tasks import DocExample, DocTask

    batch = smoking.generate(args.docs, seed=0)
    spec = batch.label_sets[0]
    task = DocTask(spec.name, spec.labels, spec.definition, spec.label_definitions)
    examples = [DocExample(i, d.text, d.labels[spec.name]) for i, d in enumerate(batch.documents)]
    train, test = examples[: int(len(examples) * 0.8)], examples[int(len(examples) * 0.8) :]
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none (CPU dry run)"
    print(f"GPU: {gpu}; torch {torch.__version__}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.arch_only:
            enc = check_model_folder(_random_model(args.arch_only[0], tmp_path / "enc", causal=False))
            llm = check_model_folder(_random_model(args.arch_only[1], tmp_path / "llm", causal=True))
        else:
            enc, llm = resolve_model("minilm"), resolve_model("smollm2")
        epochs = 1 if args.cpu_dry_run else 3
        # One model reading whole reports: tokens/s and memory at full length, not 64-token evidence
        # (what long_text auto may choose). The recipes get settings resolved, as a run hands them over.
        cls_config = ClassifierSettings(task=spec.name, epochs=epochs, precision=precision, batch_size=16,
                                        long_text="head_tail", ensemble=1).validate()  # fmt: skip
        results.append(check("classifier", enc, task, train, test, cls_config, tmp_path / "run-cls"))
        llm_config = InstructSettings(
            task=spec.name,
            epochs=1,
            precision=precision,
            batch_size=8,
            learning_rate=2e-4,
            max_new_tokens=24,
            eval_batch_size=16,
            long_text="head_tail",
        ).validate()
        n_llm = len(train) // 2
        results.append(
            check("instruct", llm, task, train[:n_llm], test[: n_llm // 4], llm_config, tmp_path / "llm")
        )
    for r in results:
        print(json.dumps(r))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
