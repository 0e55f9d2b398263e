"""The residency page: where the survivor lives decides the branch and the programs referred to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.residency import Branch, jurisdiction_name, normalise_jurisdiction
from burner_desk.services import bedside
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.controls import fit_to_rows
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage
from burner_desk.ui.encounter.survivor import SurvivorPage
from burner_desk.ui.errors import message_for


class ResidencyPage(WizardPage):
    key = "residency"
    title_text = "Residency"

    def __init__(self, context: ViewContext, survivor: SurvivorPage) -> None:
        super().__init__()
        self._context = context
        self._survivor = survivor
        self.branch_label = QLabel()
        self.branch_label.setWordWrap(True)
        self.branch_label.setAccessibleName("What happens next")
        self.outer.insertWidget(0, self.branch_label)
        self.programs: list[bedside.ReferralView] = []
        self._programs_for = ""  # the jurisdiction the list was loaded for
        self._wanted: set[str] | None = None  # a draft's ticked programs, ticked once the list has loaded
        self._problem: ValidationError | None = None  # why the list is empty once loaded, or still loading
        self.program_list = QListWidget()
        fit_to_rows(self.program_list)
        self.program_list.itemChanged.connect(lambda _item: self.rows["referrals"].clear_error())
        self.add_row(
            "Refer to",
            "referrals",
            ControlRow(self.program_list, "Programs to refer to", hint="Untick a program to leave it off"),
        )
        self.finish_layout()

    def initializePage(self) -> None:
        jurisdiction = normalise_jurisdiction(self._survivor.text("jurisdiction"))
        self._explain(jurisdiction)
        if jurisdiction != self._programs_for:
            self._load_programs(jurisdiction)

    def _load_programs(self, jurisdiction: str) -> None:
        self.programs, self._programs_for = [], jurisdiction
        self._problem = ValidationError("referrals", "the programs are still loading: try again in a moment")
        self.program_list.clear()
        self._context.tasks.run_db(
            lambda: bedside.referral_programs(self._context.signed_in.uow, jurisdiction),
            on_done=self._show_programs,
            on_error=self._programs_failed,
        )

    def _programs_failed(self, exc: BaseException) -> None:
        self._programs_for = ""  # try again next time the page opens
        if isinstance(exc, ValidationError):
            self._problem = exc
            self.show_error(exc)
        else:
            self._problem = ValidationError("referrals", message_for(exc))
            self.message.show_error(message_for(exc))

    def _show_programs(self, programs: list[bedside.ReferralView]) -> None:
        self.programs, self._problem = programs, None
        if self._wanted is not None and not self._wanted & {str(p.resource_id) for p in programs}:
            self._wanted = None  # ticked for another jurisdiction: the defaults apply here
        self.program_list.blockSignals(True)
        self.program_list.clear()
        for program in programs:
            phone = f"24/7 {program.phone_24h}" if program.phone_24h else program.phone
            entry = QListWidgetItem(f"{program.name} · {phone}" if phone else program.name)
            entry.setToolTip(program.address)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = self._wanted is None or str(program.resource_id) in self._wanted
            entry.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.program_list.addItem(entry)
        self.program_list.blockSignals(False)
        fit_to_rows(self.program_list)

    def chosen_ids(self) -> tuple[UUID, ...]:
        if not self.programs:  # not loaded yet (a resumed draft): what the draft ticked
            return tuple(UUID(raw) for raw in sorted(self._wanted or ()))
        return tuple(
            program.resource_id
            for row, program in enumerate(self.programs)
            if self.program_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def chosen_names(self) -> list[str]:
        chosen = set(self.chosen_ids())
        return [program.name for program in self.programs if program.resource_id in chosen]

    def _check_chosen(self) -> None:
        if self._problem is not None and self._wanted is None:
            raise self._problem
        if not self.chosen_ids():
            raise ValidationError("referrals", "tick at least one program to refer to")

    def checks(self) -> Iterable[Callable[[], object]]:
        return (self._check_chosen,)

    def state(self) -> State:
        if not self.programs and self._wanted is None:  # never shown: the defaults still apply
            return {}
        return {"referrals": [str(resource_id) for resource_id in self.chosen_ids()]}

    def restore(self, state: State) -> None:
        chosen = state.get("referrals")
        self._wanted = {str(raw) for raw in chosen} if isinstance(chosen, list) else None
        if self.programs:
            self._show_programs(self.programs)

    def _explain(self, jurisdiction: str) -> None:
        if self._survivor.branch is Branch.RESIDENT:
            self.setSubTitle("An Alexandria resident.")
            self.branch_label.setText(
                "Next: the personal phone is taken into property and swapped for a burner phone, a "
                "recovery bag is handed over, and the referral goes to the city treatment program. "
                "A social worker calls within 48 hours."
            )
        else:
            self.setSubTitle(f"Lives in {jurisdiction_name(jurisdiction)}: not an Alexandria resident.")
            self.branch_label.setText(
                "No burner phone and no recovery bag. The referral sheet lists the treatment programs "
                f"of {jurisdiction_name(jurisdiction)}, and a social worker still follows up within 48 hours."
            )
