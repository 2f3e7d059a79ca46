//! The route table: every HTTP endpoint (method and path as the API serves them, the file
//! `functions/src/<area>/<name>.rs` that handles it, what its IAM policy grants) and every
//! scheduled job. The SAM template, the OpenAPI document, the sample events and the local
//! API are checked against these tables by tests; the one `bootstrap` binary finds its
//! endpoint or job here by the name the template gives it (`PLATFORM_FUNCTION`).

use lambda_http::{Body, Request, Response};
use shared::documents::keys::{
    ASSESSMENTS, AUDIT_PACKS, CATALOGUE, CERTIFICATES, CONVENTIONS, DONATIONS, EXPORTS, INVOICES, OUTBOX, REPORTS, SHEETS, SIGNED,
    STATEMENTS,
};
use shared::error::ApiResult;
use shared::App;

/// What every endpoint's handler returns, boxed.
pub type HandlerFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = ApiResult<Response<Body>>> + Send + 'a>>;

/// A grant of a function's IAM policy besides DynamoDB: reading or writing a prefix of the
/// documents bucket (the prefixes of `documents::keys`, so a grant and the keys it covers
/// cannot drift apart), or sending through SES.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Get(&'static str),
    Put(&'static str),
    /// Deleting what a prefix holds (listing it to find the keys).
    Delete(&'static str),
    SendEmail,
    SendRawEmail,
}

impl Grant {
    /// The policy's entries, as the template's policies are checked: `s3:GetObject:catalogue/*`,
    /// `ses:SendEmail`. Reading a prefix comes with listing it (`s3:ListBucket` on the bucket,
    /// for that prefix): without it S3 answers 403, not 404, for a key that does not exist.
    pub fn entries(self) -> Vec<String> {
        match self {
            Grant::Get(prefix) => vec![format!("s3:GetObject:{prefix}*"), format!("s3:ListBucket:{prefix}*")],
            Grant::Put(prefix) => vec![format!("s3:PutObject:{prefix}*")],
            Grant::Delete(prefix) => vec![format!("s3:DeleteObject:{prefix}*"), format!("s3:ListBucket:{prefix}*")],
            Grant::SendEmail => vec!["ses:SendEmail".into()],
            Grant::SendRawEmail => vec!["ses:SendRawEmail".into()],
        }
    }
}

macro_rules! endpoints {
    ($($variant:ident => $method:literal $path:literal $area:ident :: $module:ident [$($action:literal),*] [$($grant:expr),*],)*) => {
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
            pub fn grants(self) -> Vec<String> {
                use Grant::*;
                let grants: &[Grant] = match self { $(Endpoint::$variant => &[$($grant),*],)* };
                grants.iter().flat_map(|g| g.entries()).collect()
            }
            /// The endpoint's file name (`functions/src/<area>/<function>.rs`).
            pub fn function(self) -> &'static str {
                match self { $(Endpoint::$variant => stringify!($module),)* }
            }
            /// The endpoint's area: the folder of its file.
            pub fn area(self) -> &'static str {
                match self { $(Endpoint::$variant => stringify!($area),)* }
            }
        }

        /// One function per endpoint with the same signature; each future is boxed, so that
        /// `dispatch`'s future is small whatever the largest handler's.
        pub mod handler {
            use super::*;
            $(
                pub fn $module(app: &App, req: Request) -> HandlerFuture<'_> {
                    Box::pin(crate::$area::$module::handle(app, req))
                }
            )*
        }

        /// Runs an endpoint's handler (the deployed binary, the local API and the tests alike);
        /// every error becomes a problem+json response.
        pub async fn dispatch(endpoint: Endpoint, app: &App, req: Request) -> Response<Body> {
            if req.method() == lambda_http::http::Method::OPTIONS && endpoint.answers_head() {
                return options(endpoint);
            }
            let head = req.method() == lambda_http::http::Method::HEAD && endpoint.answers_head();
            let result = match endpoint {
                $(Endpoint::$variant => handler::$module(app, req).await,)*
            };
            let response = result.unwrap_or_else(|e| e.into_response());
            if head {
                let (parts, _) = response.into_parts();
                return Response::from_parts(parts, Body::Empty);
            }
            response
        }
    };
}

endpoints! {
    GetTaxonomies => "GET" "/taxonomies" catalogue::get_taxonomies [] [],
    GetMyProfile => "GET" "/me" accounts::get_my_profile ["GetItem", "Query", "UpdateItem"] [],
    DeleteMyAccount => "DELETE" "/me" accounts::delete_my_account ["BatchWriteItem", "GetItem", "PutItem", "Query", "UpdateItem"] [],
    ExportMyData => "GET" "/me/data" accounts::export_my_data ["GetItem", "Query"] [Get(ASSESSMENTS), Get(CONVENTIONS), Put(CONVENTIONS), Get(SIGNED), Put(SIGNED)],
    RegisterEmployee => "POST" "/me/registration" accounts::register_employee ["GetItem", "PutItem", "Query"] [],
    UpdateMyProfile => "PATCH" "/me" accounts::update_my_profile ["Query", "UpdateItem"] [],
    GetMyCompany => "GET" "/me/company" accounts::get_my_company ["Query"] [],
    SearchMissions => "GET" "/missions" catalogue::search_missions ["Query"] [Get(CATALOGUE)],
    GetMission => "GET" "/missions/{missionId}" catalogue::get_mission ["GetItem", "Query", "UpdateItem"] [],
    CreateMission => "POST" "/associations/{associationId}/missions" catalogue::create_mission ["ConditionCheckItem", "PutItem", "Query"] [],
    ListAssociationMissions => "GET" "/associations/{associationId}/missions" catalogue::list_association_missions ["GetItem", "Query"] [],
    UpdateMission => "PATCH" "/missions/{missionId}" catalogue::update_mission ["ConditionCheckItem", "GetItem", "PutItem", "Query"] [Put(OUTBOX)],
    PublishMission => "POST" "/missions/{missionId}/publish" catalogue::publish_mission ["ConditionCheckItem", "GetItem", "PutItem", "Query"] [],
    ArchiveMission => "POST" "/missions/{missionId}/archive" catalogue::archive_mission ["ConditionCheckItem", "GetItem", "PutItem", "Query"] [],
    AddFavourite => "PUT" "/me/favourites/{missionId}" catalogue::add_favourite ["GetItem", "Query", "UpdateItem"] [],
    RemoveFavourite => "DELETE" "/me/favourites/{missionId}" catalogue::remove_favourite ["UpdateItem"] [],
    ListFavourites => "GET" "/me/favourites" catalogue::list_favourites ["BatchGetItem", "Query"] [],
    ListHistory => "GET" "/me/history" catalogue::list_history ["BatchGetItem", "Query"] [],
    ApplyToMission => "POST" "/missions/{missionId}/applications" engagement::apply_to_mission ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    ListMyEngagements => "GET" "/me/engagements" engagement::list_my_engagements ["Query"] [],
    GetEngagement => "GET" "/engagements/{engagementId}" engagement::get_engagement ["GetItem"] [],
    ImportHrAttributes => "PUT" "/companies/{companyId}/hr-attributes" accounts::import_hr_attributes ["BatchWriteItem", "GetItem"] [],
    RequestDates => "POST" "/engagements/{engagementId}/date-requests" engagement::request_dates ["BatchGetItem", "GetItem", "PutItem", "Query", "UpdateItem"] [],
    ResendManagerLink => "POST" "/engagements/{engagementId}/manager-link" engagement::resend_manager_link ["GetItem", "PutItem"] [],
    ShowDecision => "GET" "/decisions/{token}" links::show_decision ["GetItem", "Query"] [],
    DecideDates => "POST" "/decisions/{token}" links::decide_dates ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    RenewDecisionLink => "POST" "/decisions/{token}/renewal" links::renew_decision_link ["GetItem", "PutItem", "Query"] [],
    ListTeamRequests => "GET" "/me/team" engagement::list_team_requests ["Query"] [],
    GetMyDashboard => "GET" "/me/dashboard" accounts::get_my_dashboard ["Query"] [Get(ASSESSMENTS)],
    GetConvention => "GET" "/engagements/{engagementId}/convention" engagement::get_convention ["GetItem", "Query"] [Get(CONVENTIONS), Put(CONVENTIONS), Get(SIGNED), Put(SIGNED)],
    RemindSignatory => "POST" "/engagements/{engagementId}/convention/reminders" engagement::remind_signatory ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    SignConvention => "POST" "/engagements/{engagementId}/convention/signatures" engagement::sign_convention ["GetItem", "PutItem", "Query"] [Get(CONVENTIONS), Put(CONVENTIONS), Get(SIGNED), Put(SIGNED)],
    AttestAttendance => "POST" "/engagements/{engagementId}/attendance" engagement::attest_attendance ["GetItem", "PutItem"] [],
    SubmitAssessment => "POST" "/engagements/{engagementId}/assessment" engagement::submit_assessment ["GetItem", "PutItem"] [Get(ASSESSMENTS), Put(ASSESSMENTS)],
    CancelEngagement => "POST" "/engagements/{engagementId}/cancellation" engagement::cancel_engagement ["GetItem", "PutItem", "UpdateItem"] [],
    DecideTeamRequest => "POST" "/engagements/{engagementId}/date-requests/{requestId}/decision" engagement::decide_team_request ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    RecordAttendance => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/attendance" facilitation::record_attendance ["PutItem", "Query"] [Put(CERTIFICATES), Put(OUTBOX)],
    ShowSurvey => "GET" "/surveys/{token}" links::show_survey ["GetItem", "Query"] [],
    SubmitSurvey => "POST" "/surveys/{token}" links::submit_survey ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    GetAuditPack => "GET" "/facilitation-missions/{missionId}/sessions/{sessionId}/audit-pack" facilitation::get_audit_pack ["Query"] [Get(AUDIT_PACKS), Get(CERTIFICATES), Get(SHEETS), Put(AUDIT_PACKS)],
    GetSurveyResults => "GET" "/facilitation-missions/{missionId}/survey-results" facilitation::get_survey_results ["Query"] [],
    CreateCalendarFeed => "POST" "/me/calendar-feed" calendar::create_calendar_feed ["PutItem"] [],
    RevokeCalendarFeed => "DELETE" "/me/calendar-feed" calendar::revoke_calendar_feed ["DeleteItem"] [],
    GetCalendarFeed => "GET" "/calendars/{token}" calendar::get_calendar_feed ["GetItem", "Query"] [],
    GetBillingDetails => "GET" "/me/billing-details" facilitation::get_billing_details ["GetItem"] [],
    UpdateBillingDetails => "PUT" "/me/billing-details" facilitation::update_billing_details ["PutItem"] [],
    RequestRemunerations => "POST" "/facilitation-missions/{missionId}/remuneration-requests" facilitation::request_remunerations ["PutItem", "Query"] [],
    CreateFacilitationMission => "POST" "/facilitation-missions" facilitation::create_facilitation_mission ["GetItem", "PutItem"] [],
    ListFacilitationMissions => "GET" "/facilitation-missions" facilitation::list_facilitation_missions ["Query"] [],
    GetFacilitationMission => "GET" "/facilitation-missions/{missionId}" facilitation::get_facilitation_mission ["Query"] [],
    CreateSession => "POST" "/facilitation-missions/{missionId}/sessions" facilitation::create_session ["PutItem", "Query"] [],
    InviteFacilitators => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/invitations" facilitation::invite_facilitators ["PutItem", "Query"] [Put(OUTBOX)],
    RegisterFacilitator => "POST" "/facilitation-invitations/{token}" facilitation::register_facilitator ["GetItem", "PutItem", "Query"] [],
    UpdateFacilitatorStatus => "PATCH" "/facilitation-missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}" facilitation::update_facilitator_status ["PutItem", "Query"] [],
    RegisterParticipants => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/participants" facilitation::register_participants ["PutItem", "Query"] [Put(OUTBOX)],
    ListMyFacilitationSessions => "GET" "/me/facilitation-sessions" facilitation::list_my_facilitation_sessions ["GetItem", "Query"] [],
    GetSignInSheet => "GET" "/facilitation-missions/{missionId}/sessions/{sessionId}/sign-in-sheet" facilitation::get_sign_in_sheet ["Query"] [Get(SHEETS), Put(SHEETS)],
    UploadSignedSheet => "POST" "/facilitation-missions/{missionId}/sessions/{sessionId}/signed-sheets" facilitation::upload_signed_sheet ["Query"] [Put(SHEETS)],
    GetMyPreferences => "GET" "/me/preferences" accounts::get_my_preferences ["GetItem"] [],
    UpdateMyPreferences => "PUT" "/me/preferences" accounts::update_my_preferences ["GetItem", "PutItem"] [],
    ListRecommendations => "GET" "/me/recommendations" catalogue::list_recommendations ["GetItem", "Query"] [Get(CATALOGUE)],
    ShowUnsubscribe => "GET" "/alerts/unsubscribe/{token}" links::show_unsubscribe ["GetItem"] [],
    Unsubscribe => "POST" "/alerts/unsubscribe/{token}" links::unsubscribe ["GetItem", "UpdateItem"] [],
    ShareMission => "POST" "/missions/{missionId}/shares" catalogue::share_mission ["GetItem", "PutItem", "Query", "UpdateItem"] [Put(OUTBOX)],
    ListAssociations => "GET" "/associations" catalogue::list_associations ["GetItem", "Query"] [Get(CATALOGUE)],
    GetAssociation => "GET" "/associations/{associationId}" catalogue::get_association ["GetItem", "Query"] [],
    ProposeSkills => "POST" "/associations/{associationId}/skill-proposals" community::propose_skills ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    SuggestAssociation => "POST" "/association-suggestions" community::suggest_association ["GetItem", "PutItem", "Query", "UpdateItem"] [],
    ListAssociationSuggestions => "GET" "/association-suggestions" community::list_association_suggestions ["GetItem", "Query"] [],
    DecideAssociationSuggestion => "POST" "/association-suggestions/{suggestionId}/decision" community::decide_association_suggestion ["GetItem", "PutItem", "UpdateItem"] [],
    ListNews => "GET" "/news" community::list_news ["BatchGetItem", "GetItem", "Query"] [],
    CreateCompany => "POST" "/companies" backoffice::create_company ["GetItem", "PutItem"] [],
    CreateAssociation => "POST" "/associations" backoffice::create_association ["GetItem", "PutItem"] [],
    UpdateAssociation => "PATCH" "/associations/{associationId}" backoffice::update_association ["GetItem", "PutItem"] [],
    SetPartnership => "PUT" "/companies/{companyId}/partnerships/{associationId}" backoffice::set_partnership ["GetItem", "PutItem"] [],
    ListAuditLog => "GET" "/audit-log" backoffice::list_audit_log ["GetItem", "Query"] [],
    ListUpcomingReminders => "GET" "/reminders/upcoming" backoffice::list_upcoming_reminders ["GetItem", "Query"] [],
    UpdateCompany => "PATCH" "/companies/{companyId}" backoffice::update_company ["DeleteItem", "GetItem", "PutItem"] [],
    SetCompanyPolicy => "PUT" "/companies/{companyId}/policy" backoffice::set_company_policy ["GetItem", "PutItem", "UpdateItem"] [],
    InviteReferent => "POST" "/associations/{associationId}/referent-invitations" backoffice::invite_referent ["GetItem", "PutItem"] [],
    AcceptRoleInvitation => "POST" "/role-invitations/{token}" backoffice::accept_role_invitation ["GetItem", "PutItem", "UpdateItem"] [],
    GetCompanyReport => "GET" "/companies/{companyId}/report" reporting::get_company_report ["GetItem", "Query"] [],
    ExportCompanyReport => "GET" "/companies/{companyId}/report/export" reporting::export_company_report ["GetItem", "PutItem", "Query"] [],
    GetReportExport => "GET" "/companies/{companyId}/report-exports/{exportId}" reporting::get_report_export ["GetItem"] [Get(REPORTS)],
    GetAssociationStatement => "GET" "/companies/{companyId}/associations/{associationId}/statements/{year}" reporting::get_association_statement ["GetItem", "Query"] [Get(DONATIONS), Put(DONATIONS)],
    InviteCompanyAdmin => "POST" "/companies/{companyId}/admin-invitations" backoffice::invite_company_admin ["GetItem", "PutItem"] [],
    RevokeRole => "POST" "/role-revocations" backoffice::revoke_role ["GetItem", "PutItem", "Query"] [],
    CreateNews => "POST" "/news" community::create_news ["BatchGetItem", "GetItem", "PutItem", "Query"] [],
    UpdateNews => "PUT" "/news/{newsId}" community::update_news ["BatchGetItem", "GetItem", "PutItem", "Query"] [],
    DeleteNews => "DELETE" "/news/{newsId}" community::delete_news ["DeleteItem", "GetItem"] [],
    ListQuizzes => "GET" "/quizzes" community::list_quizzes ["BatchGetItem", "GetItem", "Query"] [],
    CreateQuiz => "POST" "/quizzes" community::create_quiz ["BatchGetItem", "GetItem", "PutItem", "Query"] [],
    UpdateQuiz => "PUT" "/quizzes/{quizId}" community::update_quiz ["BatchGetItem", "GetItem", "PutItem", "Query"] [],
    DeleteQuiz => "DELETE" "/quizzes/{quizId}" community::delete_quiz ["DeleteItem", "GetItem"] [],
    AnswerQuiz => "POST" "/quizzes/{quizId}/answers" community::answer_quiz ["BatchGetItem", "GetItem", "PutItem", "Query"] [],
    ListMyQuizzes => "GET" "/me/quizzes" community::list_my_quizzes ["BatchGetItem", "GetItem", "Query"] [],
    ShowInvoiceUpload => "GET" "/invoices/{token}" links::show_invoice_upload ["GetItem"] [],
    UploadInvoice => "POST" "/invoices/{token}" links::upload_invoice ["GetItem"] [Put(INVOICES)],
}

impl Endpoint {
    /// The function's name (dashes): its `PLATFORM_FUNCTION`, its sample event in `events/`.
    pub fn name(self) -> String {
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
                params.push((name.to_string(), shared::http::percent_decode(a)));
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
    Endpoint::RenewDecisionLink,
    Endpoint::GetCalendarFeed,
    Endpoint::ShowUnsubscribe,
    Endpoint::Unsubscribe,
    Endpoint::ShowSurvey,
    Endpoint::SubmitSurvey,
    Endpoint::ShowInvoiceUpload,
    Endpoint::UploadInvoice,
];

impl Endpoint {
    pub fn is_public(self) -> bool {
        PUBLIC.contains(&self)
    }
}

/// Finds the endpoint for a method and path, as API Gateway's router does.
/// A HEAD or an OPTIONS on an e-mail link's page goes to its GET (the template routes them
/// there too).
pub fn route(method: &str, path: &str) -> Option<(Endpoint, Vec<(String, String)>)> {
    let head = method.eq_ignore_ascii_case("HEAD") || method.eq_ignore_ascii_case("OPTIONS");
    ENDPOINTS
        .iter()
        .filter(|e| e.method().eq_ignore_ascii_case(method) || (head && e.answers_head()))
        .find_map(|e| e.match_path(path).map(|p| (*e, p)))
}

impl Endpoint {
    /// The pages of e-mail links also answer HEAD, as a browser or a mail scanner expects:
    /// the GET's status and headers, no body, nothing done (a GET acts on nothing); and
    /// OPTIONS, with the methods the address answers.
    pub fn answers_head(self) -> bool {
        self.is_public() && self.method() == "GET"
    }

    /// The methods a path answers (the `Allow` header of a 405).
    pub fn allowed_on(path: &str) -> Vec<&'static str> {
        let mut methods: Vec<&'static str> = ENDPOINTS.iter().filter(|e| e.match_path(path).is_some()).map(|e| e.method()).collect();
        if ENDPOINTS.iter().any(|e| e.answers_head() && e.match_path(path).is_some()) {
            methods.extend(["HEAD", "OPTIONS"]);
        }
        methods
    }
}

/// OPTIONS on an e-mail link's page: 204 and the methods it answers, nothing looked up or
/// done. (A browser's CORS preflight never gets here: API Gateway answers it.)
fn options(endpoint: Endpoint) -> Response<Body> {
    let allow = Endpoint::allowed_on(endpoint.path()).join(", ");
    Response::builder()
        .status(204)
        .header("allow", allow)
        .header("cache-control", "no-store")
        .body(Body::Empty)
        .unwrap_or_else(|_| Response::new(Body::Empty))
}

/// What runs a job: an EventBridge schedule, the table's stream (new outbox envelopes), or
/// SES's bounce and complaint notifications (SNS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Schedule(&'static str),
    TableStream,
    MailFeedback,
}

macro_rules! scheduled {
    ($($variant:ident => $area:ident :: $module:ident $trigger:expr, [$($dynamo:literal),*] [$($grant:expr),*],)*) => {
        /// The functions that are not HTTP endpoints: name, trigger, and what their policy grants.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Job { $($variant,)* }

        pub const JOBS: &[Job] = &[$(Job::$variant,)*];

        impl Job {
            pub fn function(self) -> &'static str { match self { $(Job::$variant => stringify!($module),)* } }
            pub fn trigger(self) -> Trigger {
                use Trigger::*;
                match self { $(Job::$variant => $trigger,)* }
            }
            /// The EventBridge schedule expression of a scheduled job.
            pub fn schedule(self) -> Option<&'static str> {
                match self.trigger() {
                    Trigger::Schedule(s) => Some(s),
                    _ => None,
                }
            }
            pub fn dynamodb_actions(self) -> &'static [&'static str] { match self { $(Job::$variant => &[$($dynamo),*],)* } }
            /// Other grants, as in `Endpoint::grants`.
            pub fn grants(self) -> Vec<String> {
                use Grant::*;
                let grants: &[Grant] = match self { $(Job::$variant => &[$($grant),*],)* };
                grants.iter().flat_map(|g| g.entries()).collect()
            }
            pub fn name(self) -> String { self.function().replace('_', "-") }
        }

        /// Runs a job for one EventBridge event; the result is logged and returned.
        pub async fn run(job: Job, app: &App, event: serde_json::Value) -> Result<serde_json::Value, shared::ApiError> {
            match job { $(Job::$variant => Box::pin(crate::$area::$module::run(app, event)).await,)* }
        }
    };
}

scheduled! {
    BuildReportExports => jobs::build_report_exports Schedule("rate(5 minutes)"), ["GetItem", "PutItem", "Query", "UpdateItem"] [Put(REPORTS)],
    PurgePersonalData => jobs::purge_personal_data Schedule("cron(0 2 * * ? *)"), ["BatchWriteItem", "DeleteItem", "GetItem", "PutItem", "Query", "Scan", "UpdateItem"] [Delete(ASSESSMENTS), Delete(CONVENTIONS)],
    SnapshotCatalogue => jobs::snapshot_catalogue Schedule("rate(5 minutes)"), ["Query", "UpdateItem"] [Get(CATALOGUE), Put(CATALOGUE)],
    RemindAssessments => jobs::remind_assessments Schedule("rate(1 hour)"), ["DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem"] [],
    RunRemunerationBatch => jobs::run_remuneration_batch Schedule("cron(0 6 1 * ? *)"), ["DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem"] [Put(EXPORTS), Put(STATEMENTS)],
    SendAlertDigests => jobs::send_alert_digests Schedule("rate(2 minutes)"), ["DeleteItem", "PutItem", "Query", "UpdateItem"] [Get(CATALOGUE)],
    DeliverEmails => jobs::deliver_emails TableStream, ["BatchGetItem", "BatchWriteItem", "UpdateItem"] [Get(CERTIFICATES), Get(EXPORTS), Get(OUTBOX), Get(STATEMENTS), SendEmail, SendRawEmail],
    SweepOutbox => jobs::sweep_outbox Schedule("rate(5 minutes)"), ["BatchGetItem", "BatchWriteItem", "Query", "UpdateItem"] [Get(CERTIFICATES), Get(EXPORTS), Get(OUTBOX), Get(STATEMENTS), SendEmail, SendRawEmail],
    RecordMailFeedback => jobs::record_mail_feedback MailFeedback, ["GetItem", "PutItem", "Query"] [],
}

/// What a `PLATFORM_FUNCTION` name designates: an HTTP endpoint or a scheduled job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Http(Endpoint),
    Scheduled(Job),
}

/// The endpoint or job of a function name (`search-missions`, `send-alert-digests`).
pub fn function_named(name: &str) -> Option<Function> {
    ENDPOINTS
        .iter()
        .find(|e| e.name() == name)
        .map(|e| Function::Http(*e))
        .or_else(|| JOBS.iter().find(|j| j.name() == name).map(|j| Function::Scheduled(*j)))
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
    fn function_names_designate_one_endpoint_or_job() {
        assert_eq!(function_named("search-missions"), Some(Function::Http(Endpoint::SearchMissions)));
        assert_eq!(function_named("send-alert-digests"), Some(Function::Scheduled(Job::SendAlertDigests)));
        assert_eq!(function_named("search_missions"), None);
        assert_eq!(function_named(""), None);
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
