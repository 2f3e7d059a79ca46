//! The route table: every HTTP endpoint, its method and path as the API serves them, and the
//! function crate (`functions/<name>`) that runs it. The SAM template, the OpenAPI document
//! and the local API are checked against this table by tests.

use lambda_http::{Body, Request, Response};

use crate::app::App;
use crate::error::ApiResult;
use crate::handlers;

/// What every endpoint's handler returns, boxed.
pub type HandlerFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = ApiResult<Response<Body>>> + Send + 'a>>;
/// An endpoint's handler, as `routes::handler::<module>`.
pub type Handler = for<'a> fn(&'a App, Request) -> HandlerFuture<'a>;

macro_rules! endpoints {
    ($($variant:ident => $method:literal $path:literal $module:ident [$($action:literal),*] [$($s3:literal),*],)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Endpoint { $($variant,)* }

        pub const ENDPOINTS: &[Endpoint] = &[$(Endpoint::$variant,)*];

        impl Endpoint {
            pub fn method(self) -> &'static str {
                match self { $(Endpoint::$variant => $method,)* }
            }
            /// Path template with `{param}` segments, as in API Gateway and OpenAPI.
            pub fn path(self) -> &'static str {
                match self { $(Endpoint::$variant => $path,)* }
            }
            /// The DynamoDB actions the function's IAM policy grants, and no others.
            pub fn dynamodb_actions(self) -> &'static [&'static str] {
                match self { $(Endpoint::$variant => &[$($action),*],)* }
            }
            /// The other grants of the function's IAM policy: `s3:Action:key prefix` on the
            /// documents bucket, `ses:SendEmail` on the sending identity.
            pub fn grants(self) -> &'static [&'static str] {
                match self { $(Endpoint::$variant => &[$($s3),*],)* }
            }
            /// The function crate's directory and binary name.
            pub fn function(self) -> &'static str {
                match self { $(Endpoint::$variant => stringify!($module),)* }
            }
        }

        /// One function per endpoint with the same signature, so that a function's binary
        /// links its own handler only (`runtime::run_http`); each future is boxed, so that
        /// `dispatch`'s future is small whatever the largest handler's.
        pub mod handler {
            use super::*;
            $(
                pub fn $module(app: &App, req: Request) -> HandlerFuture<'_> {
                    Box::pin(handlers::$module::handle(app, req))
                }
            )*
        }

        /// Runs an endpoint's handler (the local API and the tests; a deployed function
        /// calls its own handler directly); every error becomes a problem+json response.
        pub async fn dispatch(endpoint: Endpoint, app: &App, req: Request) -> Response<Body> {
            let result = match endpoint {
                $(Endpoint::$variant => handler::$module(app, req).await,)*
            };
            result.unwrap_or_else(|e| e.into_response())
        }
    };
}

endpoints! {
    GetTaxonomies => "GET" "/taxonomies" get_taxonomies [] [],
    GetMyProfile => "GET" "/me" get_my_profile ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
    RegisterEmployee => "POST" "/me/registration" register_employee ["PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    UpdateMyProfile => "PATCH" "/me" update_my_profile ["Query", "UpdateItem"] ["s3:GetObject:catalogue/*"],
    GetMyCompany => "GET" "/me/company" get_my_company ["Query"] ["s3:GetObject:catalogue/*"],
    SearchMissions => "GET" "/missions" search_missions ["Query"] ["s3:GetObject:catalogue/*"],
    GetMission => "GET" "/missions/{missionId}" get_mission ["Query", "UpdateItem"] ["s3:GetObject:catalogue/*"],
    CreateMission => "POST" "/associations/{associationId}/missions" create_mission ["ConditionCheckItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    ListAssociationMissions => "GET" "/associations/{associationId}/missions" list_association_missions ["GetItem", "Query"] [],
    UpdateMission => "PATCH" "/missions/{missionId}" update_mission ["ConditionCheckItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    PublishMission => "POST" "/missions/{missionId}/publish" publish_mission ["ConditionCheckItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    ArchiveMission => "POST" "/missions/{missionId}/archive" archive_mission ["ConditionCheckItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    AddFavourite => "PUT" "/me/favourites/{missionId}" add_favourite ["Query", "UpdateItem"] ["s3:GetObject:catalogue/*"],
    RemoveFavourite => "DELETE" "/me/favourites/{missionId}" remove_favourite ["UpdateItem"] [],
    ListFavourites => "GET" "/me/favourites" list_favourites ["Query"] ["s3:GetObject:catalogue/*"],
    ListHistory => "GET" "/me/history" list_history ["Query"] ["s3:GetObject:catalogue/*"],
    ApplyToMission => "POST" "/missions/{missionId}/applications" apply_to_mission ["GetItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    ListMyEngagements => "GET" "/me/engagements" list_my_engagements ["Query"] [],
    GetEngagement => "GET" "/engagements/{engagementId}" get_engagement ["GetItem"] [],
    ImportHrAttributes => "PUT" "/companies/{companyId}/hr-attributes" import_hr_attributes ["BatchWriteItem", "GetItem"] [],
    RequestDates => "POST" "/engagements/{engagementId}/date-requests" request_dates ["BatchGetItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    ShowDecision => "GET" "/decisions/{token}" show_decision ["GetItem"] [],
    DecideDates => "POST" "/decisions/{token}" decide_dates ["GetItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    ListTeamRequests => "GET" "/me/team" list_team_requests ["Query"] [],
    GetMyDashboard => "GET" "/me/dashboard" get_my_dashboard ["Query"] ["s3:GetObject:assessments/*", "s3:GetObject:catalogue/*"],
    GetConvention => "GET" "/engagements/{engagementId}/convention" get_convention ["GetItem", "Query"] ["s3:GetObject:catalogue/*", "s3:GetObject:conventions/*", "s3:PutObject:conventions/*"],
    SignConvention => "POST" "/engagements/{engagementId}/convention/signatures" sign_convention ["GetItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*", "s3:GetObject:conventions/*", "s3:PutObject:conventions/*", "ses:SendEmail"],
    AttestAttendance => "POST" "/engagements/{engagementId}/attendance" attest_attendance ["GetItem", "PutItem"] [],
    SubmitAssessment => "POST" "/engagements/{engagementId}/assessment" submit_assessment ["GetItem", "PutItem"] ["s3:GetObject:assessments/*", "s3:PutObject:assessments/*"],
    CancelEngagement => "POST" "/engagements/{engagementId}/cancellation" cancel_engagement ["GetItem", "PutItem", "UpdateItem"] ["ses:SendEmail"],
    DecideTeamRequest => "POST" "/engagements/{engagementId}/date-requests/{requestId}/decision" decide_team_request ["GetItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    RecordAttendance => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/attendance" record_attendance ["PutItem", "Query"] ["s3:PutObject:certificates/*", "ses:SendRawEmail"],
    ShowSurvey => "GET" "/surveys/{token}" show_survey ["GetItem", "Query"] [],
    SubmitSurvey => "POST" "/surveys/{token}" submit_survey ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    GetSurveyResults => "GET" "/facilitation-missions/{missionId}/survey-results" get_survey_results ["Query"] [],
    RequestRemunerations => "POST" "/facilitation-missions/{missionId}/remuneration-requests" request_remunerations ["PutItem", "Query"] [],
    CreateFacilitationMission => "POST" "/facilitation-missions" create_facilitation_mission ["GetItem", "PutItem"] ["ses:SendEmail"],
    ListFacilitationMissions => "GET" "/facilitation-missions" list_facilitation_missions ["Query"] [],
    GetFacilitationMission => "GET" "/facilitation-missions/{missionId}" get_facilitation_mission ["Query"] [],
    CreateSession => "POST" "/facilitation-missions/{missionId}/sessions" create_session ["PutItem", "Query"] [],
    InviteFacilitators => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/invitations" invite_facilitators ["PutItem", "Query"] ["ses:SendEmail"],
    RegisterFacilitator => "POST" "/facilitation-invitations/{token}" register_facilitator ["GetItem", "PutItem", "Query"] [],
    UpdateFacilitatorStatus => "PATCH" "/facilitation-missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}" update_facilitator_status ["PutItem", "Query"] [],
    RegisterParticipants => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/participants" register_participants ["PutItem", "Query"] ["ses:SendEmail"],
    ListMyFacilitationSessions => "GET" "/me/facilitation-sessions" list_my_facilitation_sessions ["GetItem", "Query"] [],
    GetSignInSheet => "GET" "/facilitation-missions/{missionId}/sessions/{sessionId}/sign-in-sheet" get_sign_in_sheet ["Query"] ["s3:GetObject:sheets/*", "s3:PutObject:sheets/*"],
    UploadSignedSheet => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/signed-sheets" upload_signed_sheet ["Query"] ["s3:PutObject:sheets/*"],
    GetMyPreferences => "GET" "/me/preferences" get_my_preferences ["GetItem"] [],
    UpdateMyPreferences => "PUT" "/me/preferences" update_my_preferences ["GetItem", "PutItem"] [],
    ListRecommendations => "GET" "/me/recommendations" list_recommendations ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
    ShowUnsubscribe => "GET" "/alerts/unsubscribe/{token}" show_unsubscribe ["GetItem"] [],
    Unsubscribe => "POST" "/alerts/unsubscribe/{token}" unsubscribe ["GetItem", "UpdateItem"] [],
    ShareMission => "POST" "/missions/{missionId}/shares" share_mission ["GetItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    ListAssociations => "GET" "/associations" list_associations ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
    GetAssociation => "GET" "/associations/{associationId}" get_association ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
    ProposeSkills => "POST" "/associations/{associationId}/skill-proposals" propose_skills ["GetItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    SuggestAssociation => "POST" "/association-suggestions" suggest_association ["GetItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendEmail"],
    ListAssociationSuggestions => "GET" "/association-suggestions" list_association_suggestions ["GetItem", "Query"] [],
    DecideAssociationSuggestion => "POST" "/association-suggestions/{suggestionId}/decision" decide_association_suggestion ["GetItem", "UpdateItem"] ["ses:SendEmail"],
    ListNews => "GET" "/news" list_news ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
    CreateNews => "POST" "/news" create_news ["GetItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    UpdateNews => "PUT" "/news/{newsId}" update_news ["GetItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    DeleteNews => "DELETE" "/news/{newsId}" delete_news ["DeleteItem", "GetItem"] [],
    ListQuizzes => "GET" "/quizzes" list_quizzes ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
    CreateQuiz => "POST" "/quizzes" create_quiz ["GetItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    UpdateQuiz => "PUT" "/quizzes/{quizId}" update_quiz ["GetItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    DeleteQuiz => "DELETE" "/quizzes/{quizId}" delete_quiz ["DeleteItem", "GetItem"] [],
    AnswerQuiz => "POST" "/quizzes/{quizId}/answers" answer_quiz ["GetItem", "PutItem", "Query"] ["s3:GetObject:catalogue/*"],
    ListMyQuizzes => "GET" "/me/quizzes" list_my_quizzes ["GetItem", "Query"] ["s3:GetObject:catalogue/*"],
}

impl Endpoint {
    /// The crate name as written in `functions/` (dashes).
    pub fn crate_name(self) -> String {
        self.function().replace('_', "-")
    }

    /// Matches a concrete path against this endpoint's template, returning path parameters.
    pub fn match_path(self, path: &str) -> Option<Vec<(String, String)>> {
        let template: Vec<&str> = self.path().trim_matches('/').split('/').collect();
        let actual: Vec<&str> = path.trim_matches('/').split('/').collect();
        if template.len() != actual.len() {
            return None;
        }
        let mut params = Vec::new();
        for (t, a) in template.iter().zip(actual) {
            if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                if a.is_empty() {
                    return None;
                }
                params.push((name.to_string(), percent_decode(a)));
            } else if *t != a {
                return None;
            }
        }
        Some(params)
    }
}

/// Endpoints reached from e-mail links, without an account: no JWT authorizer on them.
pub const PUBLIC: &[Endpoint] = &[
    Endpoint::ShowDecision,
    Endpoint::DecideDates,
    Endpoint::ShowUnsubscribe,
    Endpoint::Unsubscribe,
    Endpoint::ShowSurvey,
    Endpoint::SubmitSurvey,
];

impl Endpoint {
    pub fn is_public(self) -> bool {
        PUBLIC.contains(&self)
    }
}

/// Finds the endpoint for a method and path, as API Gateway's router does.
pub fn route(method: &str, path: &str) -> Option<(Endpoint, Vec<(String, String)>)> {
    ENDPOINTS
        .iter()
        .filter(|e| e.method().eq_ignore_ascii_case(method))
        .find_map(|e| e.match_path(path).map(|p| (*e, p)))
}

/// Decodes `%XX` escapes of a URL path segment or query component.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_resolve_with_parameters() {
        let (e, p) = route("GET", "/missions/abc-1").unwrap();
        assert_eq!(e, Endpoint::GetMission);
        assert_eq!(p, vec![("missionId".to_string(), "abc-1".to_string())]);
        assert_eq!(route("GET", "/missions").unwrap().0, Endpoint::SearchMissions);
        assert_eq!(route("POST", "/missions/x/publish").unwrap().0, Endpoint::PublishMission);
        assert!(route("DELETE", "/missions").is_none());
        assert!(route("GET", "/missions/").is_some_and(|(e, _)| e == Endpoint::SearchMissions));
    }

    #[test]
    fn every_route_is_unique() {
        for (i, a) in ENDPOINTS.iter().enumerate() {
            for b in &ENDPOINTS[i + 1..] {
                assert!(!(a.method() == b.method() && a.path() == b.path()), "{a:?} {b:?}");
                assert_ne!(a.function(), b.function());
            }
        }
    }
}
