from pathlib import Path

import pytest

from utils.serving.settings import CPU_MODEL_NAME, SettingsError, get_settings


def test_auto_without_gpu_picks_cpu_and_says_why():
    s = get_settings(env={})
    assert s.mode == "cpu"
    assert "no CUDA GPU" in s.reason or "sglang" in s.reason
    assert s.model_name == CPU_MODEL_NAME
    assert Path(s.model_path, "modules.json").is_file()
    assert s.base_url == "http://127.0.0.1:8765/v1"
    assert s.sources == {}


def test_parameter_beats_environment():
    env = {"EMB_MODE": "cpu", "EMB_PORT": "9000", "EMB_SMOKE": "1"}
    s = get_settings(port=9100, env=env)
    assert s.port == 9100 and s.sources["port"] == "parameter"
    assert s.smoke is True and s.sources["smoke"] == "$EMB_SMOKE"
    assert "9100" in s.base_url


def test_bad_mode_is_a_clear_error():
    with pytest.raises(SettingsError, match="mode must be one of"):
        get_settings(mode="gpu", env={})


def test_sglang_without_model_explains_download():
    with pytest.raises(SettingsError, match="`hf download Qwen"):
        get_settings(mode="sglang", env={})


def test_missing_model_folder(tmp_path):
    with pytest.raises(SettingsError, match="does not exist"):
        get_settings(mode="cpu", model_path=str(tmp_path / "nope"), env={})


def test_openai_mode_needs_url():
    with pytest.raises(SettingsError, match="EMB_BASE_URL"):
        get_settings(mode="openai", env={})
    s = get_settings(
        env={
            "EMB_MODE": "openai",
            "EMB_BASE_URL": "http://127.0.0.1:9/v1/",
            "EMB_MODEL_NAME": "Qwen3-Embedding-4B",
        }
    )
    assert s.base_url == "http://127.0.0.1:9/v1" and s.is_qwen3 and not s.starts_server


def test_qwen3_detected_from_config(tmp_path):
    (tmp_path / "config.json").write_text('{"model_type": "qwen3"}')
    s = get_settings(mode="cpu", model_path=str(tmp_path), env={})
    assert s.is_qwen3 and s.model_name == tmp_path.name


def test_describe_lists_sources():
    text = get_settings(env={"EMB_SMOKE": "yes"}).describe()
    assert "mode" in text and "$EMB_SMOKE" in text
    with pytest.raises(SettingsError):
        get_settings(env={"EMB_SMOKE": "maybe"})


def test_repr_masks_the_api_key():
    s = get_settings(mode="cpu", api_key="sk-repr-secret", env={})
    assert "sk-repr-secret" not in repr(s) and "sk-repr-secret" not in str(s)
    assert "api_key='***'" in repr(s) and s.api_key == "sk-repr-secret"


def test_describe_prints_a_true_endpoint():
    """Notebooks start the server on a free port, so describe must not claim 8765 (issue 19)."""
    s = get_settings(mode="cpu", env={})
    text = s.describe()
    assert "8765/v1" not in text and "chosen when the server starts" in text
    assert "http://127.0.0.1:40123/v1   [running server]" in s.describe("http://127.0.0.1:40123/v1")
    pinned = get_settings(mode="cpu", port=9001, env={}).describe()
    assert "http://127.0.0.1:9001/v1   [parameter]" in pinned


@pytest.mark.parametrize("value", ["0", "99999", "-5", "80a", "8765.5", " "])
def test_a_bad_emb_port_is_refused_naming_the_variable(value):
    """Issue 26 item 8: EMB_PORT=0 made start_server wait 120 s on port 0; 99999 and -5 failed later, raw."""
    env = {"EMB_MODE": "cpu", "EMB_PORT": value}
    with pytest.raises(SettingsError, match=r"EMB_PORT must be a TCP port number from 1 to 65535") as info:
        get_settings(env=env)
    assert repr(value) in str(info.value) and "(from $EMB_PORT)" in str(info.value)
    with pytest.raises(SettingsError, match=r"^port must be a TCP port number .*\(from parameter\)"):
        get_settings(mode="cpu", port=value, env={})
    assert get_settings(mode="cpu", port="9001", env={}).port == 9001


def _model_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "config.json").write_text('{"model_type": "qwen3"}')
    return path


def test_relative_model_path_is_found_from_a_kernel_in_notebooks(tmp_path, monkeypatch):
    """README step 4 (`EMB_MODEL=models/Qwen3-Embedding-0.6B ... -m utils.course`): papermill runs the kernel
    in notebooks/, so the path is not there; it must then be found in the repository root."""
    import utils.serving.settings as settings_module

    root = tmp_path / "repo"
    model = _model_folder(root / "models" / "Qwen3-Embedding-0.6B")
    (root / "notebooks").mkdir()
    monkeypatch.setattr(settings_module, "REPO_ROOT", root)
    monkeypatch.chdir(root / "notebooks")
    s = get_settings(env={"EMB_MODE": "sglang", "EMB_MODEL": "models/Qwen3-Embedding-0.6B"})
    assert s.model_path == str(model) and Path(s.model_path).is_absolute()
    assert s.model_name == "Qwen3-Embedding-0.6B" and s.is_qwen3


def test_relative_model_path_prefers_the_callers_directory(tmp_path, monkeypatch):
    import utils.serving.settings as settings_module

    root, elsewhere = tmp_path / "repo", tmp_path / "work"
    _model_folder(root / "models" / "m")
    mine = _model_folder(elsewhere / "models" / "m")
    monkeypatch.setattr(settings_module, "REPO_ROOT", root)
    monkeypatch.chdir(elsewhere)
    assert get_settings(mode="cpu", model_path="models/m", env={}).model_path == str(mine)


def test_a_relative_model_path_found_nowhere_names_the_callers_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError, match=f"{tmp_path}/models/nope.*does not exist"):
        get_settings(mode="sglang", model_path="models/nope", env={})


def test_extra_sglang_flags_come_from_the_environment():
    s = get_settings(mode="openai", base_url="http://127.0.0.1:9/v1", env={"EMB_SGLANG_ARGS": "--mem-fraction-static 0.5"})
    assert s.sglang_args == ("--mem-fraction-static", "0.5") and "--mem-fraction-static 0.5" in s.describe()
    assert get_settings(env={}).sglang_args == ()
