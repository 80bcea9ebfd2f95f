using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// A form's value that does not bind (letters in an amount, a number too large) is told in the user's language,
/// never in ASP.NET's English (with the C# property's name); the field it belongs to stands beside it.
/// </summary>
public static class BindingMessages
{
    public static void Configure(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, _) => L.T("Not a valid value: {0}", value));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => L.T("Not a valid value: {0}", value));
        m.SetUnknownValueIsInvalidAccessor(_ => L.T("The value is not valid."));
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => L.T("The value is not valid."));
        m.SetValueIsInvalidAccessor(value => L.T("Not a valid value: {0}", value));
        m.SetValueMustBeANumberAccessor(_ => L.T("Write a number."));
        m.SetNonPropertyValueMustBeANumberAccessor(() => L.T("Write a number."));
        m.SetValueMustNotBeNullAccessor(_ => L.T("A value is required."));
        m.SetMissingBindRequiredValueAccessor(_ => L.T("A value is required."));
        m.SetMissingKeyOrValueAccessor(() => L.T("A value is required."));
        m.SetMissingRequestBodyRequiredValueAccessor(() => L.T("A value is required."));
    }
}
