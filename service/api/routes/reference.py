"""What adapt knows: the termbase, the audiences, the languages and the MT models."""

from fastapi import APIRouter

from service.api.deps import UserDep, WorkspaceDep
from service.api.problems import problem_responses
from service.workflow.glossary import GlossaryCheck, check_glossary
from service.workflow.language import LanguageList, list_languages
from service.workflow.packages import ModelsReport, models_report
from service.workflow.schedule import AudienceList, list_audiences

router = APIRouter(prefix="/v1", tags=["reference"], responses=problem_responses())


@router.get("/glossary", summary="The UN termbase: concepts, observances, statuses, gaps")
def glossary(workspace: WorkspaceDep, _user: UserDep) -> GlossaryCheck:
    return check_glossary(workspace)


@router.get("/audiences", summary="The audiences: zones, windows, quiet hours, gap")
def audiences(workspace: WorkspaceDep, _user: UserDep) -> AudienceList:
    return list_audiences(workspace)


@router.get("/languages", summary="The six UN languages")
def languages(workspace: WorkspaceDep, _user: UserDep) -> LanguageList:
    return list_languages(workspace)


@router.get("/models", summary="The installed MT packages and the 30 routes")
def models(workspace: WorkspaceDep, _user: UserDep) -> ModelsReport:
    return models_report(workspace)
