"""utils.training.dropout: numpy's dropout masks are torch's dropout in distribution, swapped in and out cleanly."""

from __future__ import annotations

import math

import pytest
import torch

from utils.training import dropout as dr


def test_keep_rate_and_scale_are_those_of_dropout():
    n, p = 1_000_000, 0.1
    torch.manual_seed(0)
    y = dr.NumpyDropout(p).train()(torch.ones(n))
    kept = y != 0
    keep = round((1 - p) * 65536) / 65536  # the mask's resolution: 1/65,536
    values = torch.unique(y).tolist()
    assert len(values) == 2 and values[0] == 0.0 and values[1] == pytest.approx(1 / keep)
    sigma = math.sqrt(keep * (1 - keep) / n)
    assert abs(kept.float().mean().item() - (1 - p)) < 5 * sigma + 1e-5
    assert abs(y.mean().item() - 1.0) < 5 * sigma / keep  # the expectation is the input


@pytest.mark.parametrize("p", [0.02, 0.5, 0.9])
def test_other_rates(p):
    torch.manual_seed(1)
    y = dr.NumpyDropout(p).train()(torch.ones(200_000))
    assert abs((y == 0).float().mean().item() - p) < 0.01


def test_eval_p0_p1_and_inplace():
    x = torch.randn(1000)
    assert dr.NumpyDropout(0.1).eval()(x) is x
    assert dr.NumpyDropout(0.0).train()(x) is x
    assert torch.count_nonzero(dr.NumpyDropout(1.0).train()(x)) == 0
    z = x.clone()
    out = dr.NumpyDropout(0.5, inplace=True).train()(z)
    assert out.data_ptr() == z.data_ptr() and torch.count_nonzero(z) < 1000


def test_gradient_is_the_mask_times_the_scale():
    x = torch.randn(4, 300, requires_grad=True)
    y = dr.NumpyDropout(0.3).train()(x)
    y.sum().backward()
    scale = 65536 / round(0.7 * 65536)
    assert torch.allclose(x.grad, (y != 0).float() * scale)


def test_manual_seed_repeats_the_masks_and_calls_differ():
    drop = dr.NumpyDropout(0.1).train()
    x = torch.ones(10_000)
    torch.manual_seed(7)
    a, b = drop(x), drop(x)
    torch.manual_seed(7)
    assert torch.equal(drop(x), a) and torch.equal(drop(x), b)
    assert not torch.equal(a, b)
    with torch.random.fork_rng():  # what GradCache and activation checkpointing do to replay a forward pass
        state = torch.get_rng_state()
        first = drop(x)
        torch.set_rng_state(state)
        assert torch.equal(drop(x), first)


def test_a_tensor_off_the_cpu_gets_torchs_own_dropout(monkeypatch):
    calls = []
    monkeypatch.setattr(torch.nn.functional, "dropout", lambda x, p, training, inplace: calls.append(p) or x)
    x = torch.empty(4, 4, device="meta")  # not the CPU (a GPU in practice): numpy's masks would be on the wrong device
    assert dr.NumpyDropout(0.25).train()(x) is x and calls == [0.25]


def test_bf16_input():
    y = dr.NumpyDropout(0.1).train()(torch.ones(10_000, dtype=torch.bfloat16))
    assert y.dtype == torch.bfloat16 and 0.85 < (y != 0).float().mean().item() < 0.95


class _Net(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lin = torch.nn.Linear(8, 8)
        self.drop = torch.nn.Dropout(0.2)
        self.lora_dropout = torch.nn.ModuleDict({"default": torch.nn.Dropout(0.1)})  # PEFT keeps its own so
        self.other = torch.nn.AlphaDropout(0.1)  # not an nn.Dropout: left alone

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.other(self.lora_dropout["default"](self.drop(self.lin(x))))


def test_fast_dropout_swaps_every_dropout_and_puts_them_back():
    net = _Net().train()
    originals = (net.drop, net.lora_dropout["default"], net.other)
    with dr.fast_dropout(net, enabled=True) as n:
        assert n == 2
        assert isinstance(net.drop, dr.NumpyDropout) and net.drop.p == 0.2 and net.drop.training
        assert isinstance(net.lora_dropout["default"], dr.NumpyDropout) and net.lora_dropout["default"].p == 0.1
        assert net.other is originals[2]
        net(torch.randn(3, 8)).sum().backward()
        net.eval()  # a mode set inside the block is kept on leaving
    assert (net.drop, net.lora_dropout["default"], net.other) == originals and not net.drop.training
    with pytest.raises(RuntimeError), dr.fast_dropout(net, enabled=True):
        raise RuntimeError("boom")
    assert (net.drop, net.lora_dropout["default"], net.other) == originals  # also after an error
    with dr.fast_dropout(net, enabled=False) as n:
        assert n == 0 and net.drop is originals[0]


def test_the_rule_follows_torchs_own(tmp_path, monkeypatch):
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n")
    assert dr.cpu_vendor(info) == "AuthenticAMD"
    assert dr.cpu_vendor(tmp_path / "missing") in ("", "GenuineIntel")  # falls back to the platform's answer
    monkeypatch.setattr(torch.backends.mkl, "is_available", lambda: True)
    assert dr.torch_masks_are_fast("GenuineIntel") and not dr.torch_masks_are_fast("AuthenticAMD")
    assert not dr.torch_masks_are_fast("")
    monkeypatch.setattr(torch.backends.mkl, "is_available", lambda: False)
    assert not dr.torch_masks_are_fast("GenuineIntel")
    monkeypatch.setattr(dr, "torch_masks_are_fast", lambda vendor=None: False)
    with dr.fast_dropout(_Net(), enabled=None) as n:  # on the CPU, where torch's masks are slow: swapped
        assert n == 2
    monkeypatch.setattr(dr, "torch_masks_are_fast", lambda vendor=None: True)
    with dr.fast_dropout(_Net(), enabled=None) as n:
        assert n == 0


def test_benchmark_quick_prints_its_ratios(capsys):
    out = dr.benchmark(rounds=1, numel=10_000, batch=2)
    assert set(out) == {"mask", "step"} and all(v > 0 for v in out.values())
    text = capsys.readouterr().out
    assert "torch / numpy" in text and "LoRA step" in text
