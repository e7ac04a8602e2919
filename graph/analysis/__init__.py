"""Signed, weighted analysis of the relations between states.

One module per step or measure family (:mod:`.frame`, :mod:`.graphs`, :mod:`.centrality`,
:mod:`.blocs`, :mod:`.balance`, :mod:`.brokers`, :mod:`.changes`); this package exposes their
public names. Every function is a module-level function of a fact collection or a networkx graph and
a few keyword arguments; randomised ones take a ``seed``; results are plain data (dataclass
rows with a ``to_json`` method). Signs and weights follow ``ontology.md`` ("Signs and weights
for analysis"): cooperative relationship types are positive ties, conflictual ones negative,
the rest (RETREATS, INVESTIGATES) and the structural ones (LEADS, OWNS, MEMBER_OF) are no
ties at all.

Pipeline
--------
facts --:func:`fact_frame`--> one row a fact (columnar, vectorised) --:func:`state_graph`-->
aggregated signed DiGraph --> :func:`centrality`, :func:`blocs`, :func:`structural_balance`,
:func:`brokers`; :func:`changes` compares two time windows (:func:`rank_changes` given their graphs).

References
----------
Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data. *Journal of
Conflict Resolution* 36(2), 369-385.
Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual Web search engine.
*Computer Networks and ISDN Systems* 30, 107-117.
Bonacich, P. (1987). Power and centrality: a family of measures. *American Journal of
Sociology* 92(5), 1170-1182.
Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of Mathematical
Sociology* 25(2), 163-177; Brandes, U. & Pich, C. (2007). Centrality estimation in large
networks. *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
communities in large networks. *J. Stat. Mech.* P10008.
Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
*Psychological Review* 63(5), 277-293.
Doreian, P. & Mrvar, A. (1996). A partitioning approach to structural balance. *Social
Networks* 18(2), 149-168.
Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex metabolic
networks. *Nature* 433, 895-900.
"""

from diplograph.graph.analysis.balance import BalanceResult, structural_balance
from diplograph.graph.analysis.blocs import BlocResult, blocs
from diplograph.graph.analysis.brokers import BrokerRow, brokers
from diplograph.graph.analysis.centrality import (
    CentralityResult,
    CentralityRow,
    centrality,
)
from diplograph.graph.analysis.changes import ChangeRow, ChangesResult, changes, rank_changes
from diplograph.graph.analysis.events import EventRule, EventWeight, merge_coded_events
from diplograph.graph.analysis.options import AnalysisOptions
from diplograph.graph.model.ties import acts_for_state
from diplograph.graph.analysis.frame import (
    FRAME_COLUMNS,
    UNMAPPED_REASONS,
    fact_frame,
)
from diplograph.graph.analysis.graphs import (
    actor_graph,
    cooperative_graph,
    signed_matrix,
    state_graph,
    weighted_facts,
)

__all__ = [
    "AnalysisOptions",
    "EventRule",
    "EventWeight",
    "merge_coded_events",
    "FRAME_COLUMNS",
    "UNMAPPED_REASONS",
    "acts_for_state",
    "fact_frame",
    "weighted_facts",
    "state_graph",
    "actor_graph",
    "cooperative_graph",
    "signed_matrix",
    "CentralityRow",
    "CentralityResult",
    "centrality",
    "BlocResult",
    "blocs",
    "BalanceResult",
    "structural_balance",
    "BrokerRow",
    "brokers",
    "ChangeRow",
    "ChangesResult",
    "changes",
    "rank_changes",
]
