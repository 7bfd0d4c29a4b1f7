// Stand-in for a provider's form widget (a HubSpot form): it renders a form into its container
// and would set the provider's cookie.
(function () {
  var box = document.querySelector('[data-demo-form]');
  if (!box) return;
  var form = document.createElement('form');
  form.setAttribute('data-demo-form-rendered', '');
  form.innerHTML = '<p><label>Email <input type="email" name="email" autocomplete="email"></label></p>' +
    '<p><button type="button" class="demo-button">Send</button></p>';
  box.appendChild(form);
  document.cookie = 'fh_visitor=demo; path=/; max-age=60; SameSite=Lax';
})();
