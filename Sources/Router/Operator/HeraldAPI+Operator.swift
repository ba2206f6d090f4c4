import Hummingbird

extension HeraldAPI {
    /// `GET /operator` (admin mode): the page shell, for any caller (it holds no data).
    func operatorPage() -> Response {
        OperatorResponses.html(OperatorShell.page(for: configuration.authMode), policy: OperatorResponses.shellPolicy)
    }

    /// `GET /operator/view` (admin mode, `operator:get`, admin only by default): the HTML
    /// fragment of the current pools, flavors, queues and this router's activity counters.
    func operatorView(_ request: APIRequest) async -> Response {
        let snapshot = await OperatorSnapshot.gather(
            catalog: catalog, stores: placement.stores, activity: activity, clock: clock)
        return OperatorResponses.html(
            OperatorTemplates.view.render(OperatorViewModel(snapshot)), policy: OperatorResponses.fragmentPolicy)
    }
}
