"""The tour's stops, in the order of the lecture: one module per claim."""

from tui_clf.views.tour.stops import (
    convexity,
    cross_entropy,
    gradient_check,
    hinge,
    logistic_squared_error,
    naive_overflow,
    softmax_k2,
    squared_error,
    zero_one,
)

STOPS = tuple(
    module.STOP
    for module in (
        zero_one,
        squared_error,
        logistic_squared_error,
        cross_entropy,
        naive_overflow,
        hinge,
        softmax_k2,
        convexity,
        gradient_check,
    )
)
