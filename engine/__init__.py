"""tui-clf's training engine: linear classifiers trained by gradient descent, NumPy only.

No UI, no printing: the CLI and the Textual app are two faces of this package.
"""

from engine.bundled import BUNDLED, DEFAULT_DATASET, list_bundled
from engine.convexity import ConvexityInZ, convexity_in_z
from engine.data import load_dataset, load_features, save_dataset
from engine.dataset import Dataset, Standardizer, stratified_split
from engine.errors import ConfigError, DataError, EngineError, ModelFileError
from engine.evaluation import ModelEvaluation, evaluate_model
from engine.gradcheck import THRESHOLDS, GradCheckResult, ParamCheck, Thresholds, check_gradient
from engine.h_sweep import HSweep, h_sweep
from engine.jensen import Counterexample, JensenResult, jensen_probe
from engine.loss_curves import LossCurve, loss_curve, loss_curves
from engine.losses import LOSSES, Loss, TargetEncoding, get_loss
from engine.model import LinearModel
from engine.model_file import load_model, save_model
from engine.objective import Params, cost, cost_and_grad
from engine.pipeline import FitResult, PreparedData, fit, make_trainer, model_of, prepare
from engine.planted_bugs import PLANTED_BUGS, default_bug, plant_bug
from engine.records import StepRecord, Stop, StopKind
from engine.train_config import TrainConfig
from engine.trainer import Trainer

__all__ = [
    "BUNDLED",
    "DEFAULT_DATASET",
    "LOSSES",
    "PLANTED_BUGS",
    "THRESHOLDS",
    "ConfigError",
    "ConvexityInZ",
    "Counterexample",
    "DataError",
    "Dataset",
    "EngineError",
    "FitResult",
    "GradCheckResult",
    "HSweep",
    "JensenResult",
    "LinearModel",
    "Loss",
    "LossCurve",
    "ModelEvaluation",
    "ModelFileError",
    "ParamCheck",
    "Params",
    "PreparedData",
    "Standardizer",
    "StepRecord",
    "Stop",
    "StopKind",
    "TargetEncoding",
    "Thresholds",
    "TrainConfig",
    "Trainer",
    "check_gradient",
    "convexity_in_z",
    "cost",
    "cost_and_grad",
    "default_bug",
    "evaluate_model",
    "fit",
    "get_loss",
    "h_sweep",
    "jensen_probe",
    "list_bundled",
    "load_dataset",
    "load_features",
    "load_model",
    "loss_curve",
    "loss_curves",
    "make_trainer",
    "model_of",
    "plant_bug",
    "prepare",
    "save_dataset",
    "save_model",
    "stratified_split",
]
